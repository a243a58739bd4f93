package dev.signstream.embedded.secure;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The credentials directory of a secure embedded broker, as clients use it:
 *
 * <pre>
 * DIR/ca.pem                 the CA certificate (Java: ssl.truststore.type=PEM; librdkafka: ssl.ca.location)
 * DIR/producer.properties    SASL_SSL + SCRAM-SHA-512, one file per role (processor, sink, recorder, admin)
 * DIR/mtls/producer.properties, DIR/mtls/producer.p12    the same role over mutual TLS
 * </pre>
 * Every file holds standard Kafka client keys only ({@code bootstrap.servers},
 * {@code security.protocol}, {@code sasl.*}, {@code ssl.*}); files with secrets are owner-only.
 */
public final class SecureCredentials {

    private final Path dir;
    private final String saslBootstrap;
    private final String tlsBootstrap;

    private SecureCredentials(Path dir, String saslBootstrap, String tlsBootstrap) {
        this.dir = dir;
        this.saslBootstrap = saslBootstrap;
        this.tlsBootstrap = tlsBootstrap;
    }

    static SecureCredentials write(BrokerSecurity security, CertificateAuthority ca, Path dir, String saslBootstrap,
                                   String tlsBootstrap) {
        SecureRandom random = new SecureRandom();
        try {
            OwnerOnlyFiles.createDirectory(dir);
            OwnerOnlyFiles.createDirectory(dir.resolve("mtls"));
            Path caPem = dir.resolve("ca.pem");
            ca.writeCertificatePem(caPem);
            for (Role role : Role.values()) {
                store(dir.resolve(role.userName() + ".properties"),
                        security.scramClientSettings(role, saslBootstrap, caPem),
                        "SignStream " + role.userName() + ": SASL_SSL with SCRAM-SHA-512. Secret: keep it owner-only.");
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                String storePassword = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                Path keystore = dir.resolve("mtls").resolve(role.userName() + ".p12");
                ca.issue(role.userName(), List.of(), List.of()).writePkcs12(keystore, storePassword.toCharArray());
                Map<String, String> mtls = new LinkedHashMap<>();
                mtls.put("bootstrap.servers", tlsBootstrap);
                mtls.put("security.protocol", "SSL");
                mtls.put("ssl.keystore.type", "PKCS12");
                mtls.put("ssl.keystore.location", keystore.toAbsolutePath().toString());
                mtls.put("ssl.keystore.password", storePassword);
                mtls.put("ssl.key.password", storePassword);
                mtls.put("ssl.truststore.type", "PEM");
                mtls.put("ssl.truststore.location", caPem.toAbsolutePath().toString());
                store(dir.resolve("mtls").resolve(role.userName() + ".properties"), mtls,
                        "SignStream " + role.userName() + ": mutual TLS (the certificate's CN is the user). Secret.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials into " + dir, e);
        }
        return new SecureCredentials(dir, saslBootstrap, tlsBootstrap);
    }

    private static void store(Path file, Map<String, String> settings, String comment) throws IOException {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        // Properties escaping (a JAAS line has '=' and quotes, which load back as they are)
        for (Map.Entry<String, String> e : settings.entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\")).append('\n');
        }
        OwnerOnlyFiles.writeString(file, text.toString());
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The SASL_SSL address. */
    public String saslBootstrap() {
        return saslBootstrap;
    }

    /** The mutual-TLS address. */
    public String tlsBootstrap() {
        return tlsBootstrap;
    }

    /** {@code DIR/<role>.properties}: SASL_SSL with the role's SCRAM credentials. */
    public Path properties(Role role) {
        return dir.resolve(role.userName() + ".properties");
    }

    /** {@code DIR/mtls/<role>.properties}: the role over mutual TLS. */
    public Path mtlsProperties(Role role) {
        return dir.resolve("mtls").resolve(role.userName() + ".properties");
    }

    /** {@code DIR/ca.pem}. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The settings of a properties file, as a Kafka client loads them. */
    public static Map<String, String> load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> settings = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> settings.put(k, props.getProperty(k)));
        return settings;
    }
}
