package dev.signstream.embedded.secure;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Least-privilege ACLs of each role, for SignStream's topic names and application ids:
 *
 * <ul>
 *   <li>producer: writes the frames topic (and reads its settings, to size chunks);</li>
 *   <li>processor: reads frames; writes words and dead letters; its consumer group, its own
 *       internal topics (state changelogs) and transactional ids, all named after its application id;</li>
 *   <li>sink: reads words; writes sentences and dead letters; reads sentences back for the caption
 *       view; its group, internal topics and transactional ids;</li>
 *   <li>recorder: creates, writes and reads recording topics ({@code <prefix>recordings.*}); reads
 *       the frames topic; replays through a processor of its own under {@code signstream-eval-*} ids
 *       with isolated output topics ({@code <prefix>eval.*}) it creates and deletes;</li>
 *   <li>admin: a super user (the broker's {@code super.users}), so it has no ACLs here.</li>
 * </ul>
 * Nobody else reads frames; nobody but admin (and the recorder, in its own namespaces) creates or
 * deletes topics. {@code kafka-acls.sh} lines for a real cluster: docs/security.md.
 *
 * @param topicPrefix the topics' prefix, e.g. {@code signstream.}
 * @param processorApplicationId the processor's {@code application.id}
 * @param sinkApplicationId the sink's {@code application.id}
 * @param evalIdPrefix the prefix of replay application ids
 */
public record RoleAcls(String topicPrefix, String processorApplicationId, String sinkApplicationId,
                       String evalIdPrefix) {

    /** SignStream's defaults: {@code signstream.} topics, {@code signstream-processor}, {@code signstream-sink}. */
    public static RoleAcls defaults() {
        return new RoleAcls("signstream.", "signstream-processor", "signstream-sink", "signstream-eval-");
    }

    /** The frames topic. */
    public String frames() {
        return topicPrefix + "frames";
    }

    /** The ACL bindings of one role (none for admin, a super user). */
    public List<AclBinding> bindings(Role role) {
        Grants g = new Grants(role.userName());
        switch (role) {
            case PRODUCER -> g.topic(frames(), AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
            case PROCESSOR -> {
                g.topic(frames(), AclOperation.READ, AclOperation.DESCRIBE);
                g.topic(topicPrefix + "words", AclOperation.WRITE, AclOperation.DESCRIBE);
                g.topic(topicPrefix + "dlq", AclOperation.WRITE, AclOperation.DESCRIBE);
                g.streamsApplication(processorApplicationId);
            }
            case SINK -> {
                g.topic(topicPrefix + "words", AclOperation.READ, AclOperation.DESCRIBE);
                g.topic(topicPrefix + "sentences", AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
                g.topic(topicPrefix + "dlq", AclOperation.WRITE, AclOperation.DESCRIBE);
                g.streamsApplication(sinkApplicationId);
            }
            case RECORDER -> {
                g.topic(frames(), AclOperation.READ, AclOperation.DESCRIBE);
                g.topics(topicPrefix + "recordings.", AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ,
                        AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
                g.topics(topicPrefix + "eval.", AclOperation.CREATE, AclOperation.DELETE, AclOperation.WRITE,
                        AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
                g.topics(evalIdPrefix, AclOperation.CREATE, AclOperation.DELETE, AclOperation.WRITE, AclOperation.READ,
                        AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
                g.add(ResourceType.GROUP, evalIdPrefix, PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE,
                        AclOperation.DELETE);
                g.add(ResourceType.TRANSACTIONAL_ID, evalIdPrefix, PatternType.PREFIXED, AclOperation.WRITE,
                        AclOperation.DESCRIBE);
            }
            case ADMIN -> {
                // a super user
            }
            default -> throw new IllegalArgumentException("unknown role " + role);
        }
        return g.bindings;
    }

    /** Every role's bindings. */
    public List<AclBinding> all() {
        List<AclBinding> all = new ArrayList<>();
        for (Role role : Role.values()) {
            all.addAll(bindings(role));
        }
        return all;
    }

    /** Collects ALLOW bindings of one user. */
    private static final class Grants {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Grants(String user) {
            this.principal = "User:" + user;
        }

        void topic(String name, AclOperation... ops) {
            add(ResourceType.TOPIC, name, PatternType.LITERAL, ops);
        }

        void topics(String prefix, AclOperation... ops) {
            add(ResourceType.TOPIC, prefix, PatternType.PREFIXED, ops);
        }

        /** A Kafka Streams application's group, internal topics ({@code <id>-...}) and transactional ids. */
        void streamsApplication(String applicationId) {
            add(ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            topics(applicationId + "-", AclOperation.CREATE, AclOperation.DELETE, AclOperation.READ, AclOperation.WRITE,
                    AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
            add(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, AclOperation.WRITE,
                    AclOperation.DESCRIBE);
        }

        void add(ResourceType type, String name, PatternType pattern, AclOperation... ops) {
            ResourcePattern resource = new ResourcePattern(type, name, pattern);
            for (AclOperation op : ops) {
                bindings.add(new AclBinding(resource, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
            }
        }
    }
}
