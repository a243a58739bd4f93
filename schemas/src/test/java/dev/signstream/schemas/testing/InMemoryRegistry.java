package dev.signstream.schemas.testing;

import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ApiExceptionBuilder;
import dev.signstream.schemas.AvroSerdes;
import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A schema registry in memory, for topology tests that need the real serdes (Confluent wire
 * format, schema ids, schema resolution) but no registry process. It keeps what the Apicurio serdes
 * register and answers what they look up: each distinct schema of an artifact (subject) gets one
 * id, used as both its content id and its global id. An unknown id is answered as the real
 * registry answers it (HTTP 404), so an unreadable record is reported the same way.
 *
 * <p>Apicurio's serde library has no in-memory client of its own; this one implements only what
 * its resolver calls for auto-registered, dereferenced Avro schemas (no references, no content
 * hashes). Thread-safe.
 */
public final class InMemoryRegistry implements RegistryClientFacade {

    /** One registered version. */
    private record Version(long id, String groupId, String artifactId, String schema) {
        RegistryVersionCoordinates coordinates() {
            return RegistryVersionCoordinates.create(id, id, groupId, artifactId, String.valueOf(id));
        }
    }

    private final Map<Long, Version> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Version>> byArtifact = new ConcurrentHashMap<>();

    /** Serdes whose every serde shares a new, empty in-memory registry. */
    public static AvroSerdes serdes() {
        return AvroSerdes.withClient(new InMemoryRegistry(), "an in-memory registry");
    }

    @Override
    public synchronized RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId,
                                                                String version, String autoCreateBehavior,
                                                                boolean canonical, String schema,
                                                                Set<RegistryArtifactReference> references) {
        if (references != null && !references.isEmpty()) {
            throw new UnsupportedOperationException("schema references (the serdes register dereferenced schemas)");
        }
        List<Version> versions = byArtifact.computeIfAbsent(key(groupId, artifactId), k -> new ArrayList<>());
        for (Version existing : versions) {
            if (existing.schema().equals(schema)) {
                return existing.coordinates();
            }
        }
        Version created = new Version(byId.size() + 1L, groupId, artifactId, schema);
        versions.add(created);
        byId.put(created.id(), created);
        return created.coordinates();
    }

    @Override
    public String getSchemaByContentId(Long contentId) {
        return version(contentId).schema();
    }

    @Override
    public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        return version(globalId).schema();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        version(contentId);
        return List.of();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        version(globalId);
        return List.of();
    }

    @Override
    public String getSchemaByGAV(String groupId, String artifactId, String version) {
        return latest(groupId, artifactId).schema();
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
        latest(groupId, artifactId);
        return List.of();
    }

    @Override
    public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
        return latest(groupId, artifactId).coordinates();
    }

    @Override
    public synchronized List<RegistryVersionCoordinates> searchVersionsByContent(String schema, String artifactType,
                                                                                  ArtifactReference reference,
                                                                                  boolean canonical) {
        return byArtifact.getOrDefault(key(reference.getGroupId(), reference.getArtifactId()), List.of()).stream()
                .filter(v -> v.schema().equals(schema)).map(Version::coordinates).toList();
    }

    @Override
    public String getSchemaByContentHash(String contentHash) {
        throw new UnsupportedOperationException("lookups by content hash");
    }

    @Override
    public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        throw new UnsupportedOperationException("lookups by content hash");
    }

    @Override
    public Object getClient() {
        return this;
    }

    private Version version(long id) {
        Version version = byId.get(id);
        if (version == null) {
            throw notFound("no schema with id " + id);
        }
        return version;
    }

    private synchronized Version latest(String groupId, String artifactId) {
        List<Version> versions = byArtifact.get(key(groupId, artifactId));
        if (versions == null || versions.isEmpty()) {
            throw notFound("no artifact " + key(groupId, artifactId));
        }
        return versions.get(versions.size() - 1);
    }

    private static String key(String groupId, String artifactId) {
        return Objects.requireNonNullElse(groupId, "default") + "/" + artifactId;
    }

    private static ApiException notFound(String message) {
        return new ApiExceptionBuilder().withMessage(message).withResponseStatusCode(404).build();
    }
}
