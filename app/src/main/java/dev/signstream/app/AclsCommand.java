package dev.signstream.app;

import dev.signstream.embedded.secure.Role;
import dev.signstream.embedded.secure.RoleAcls;
import dev.signstream.processor.ProcessorOptions;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.TopicProvisioner;
import dev.signstream.sink.SinkSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signstream acls}: the roles' least-privilege ACLs for a real cluster, printed or applied. */
@Command(name = "acls",
        header = "The roles' least-privilege ACLs: printed as kafka-acls.sh commands, or applied as admin.",
        mixinStandardHelpOptions = true,
        defaultValueProvider = AclsCommand.Defaults.class,
        description = {
            "Prints (default) or applies (--apply, with an admin's --client-config) the ACLs of the producer,",
            "processor, sink and recorder users, for the topic prefix and application ids given: the same",
            "ones signstream broker --secure sets. --create-topics also creates the standard topics.",
            "Users (SCRAM credentials or certificates) and super.users=User:admin are the cluster's own (docs/security.md)."
        })
final class AclsCommand implements Callable<Integer> {

    /** The roles' own defaults (topic prefix, application ids) and a production cluster's replication. */
    static final class Defaults extends FlagDefaults {
        /** Replicas of created topics: a production cluster's three. */
        static final short REPLICATION_FACTOR = 3;

        Defaults() {
            put("--partitions", TopicProvisioner.DEFAULT_PARTITIONS);
            put("--replication-factor", REPLICATION_FACTOR);
            put("--topic-prefix", TopicNames.DEFAULT_PREFIX);
            put("--processor-application-id", ProcessorOptions.DEFAULT_APPLICATION_ID);
            put("--sink-application-id", SinkSettings.DEFAULT_APPLICATION_ID);
        }
    }

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--apply", description = "Create the ACLs on the cluster (needs an admin's credentials).")
    boolean apply;

    @Option(names = "--create-topics", description = "With --apply: also create the standard topics.")
    boolean createTopics;

    @Option(names = "--partitions", description = "Partitions of created topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor",
            description = "Replication factor of created topics (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--topic-prefix", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--processor-application-id",
            description = "The processor's application id (default: ${DEFAULT-VALUE}).")
    String processorId;

    @Option(names = "--sink-application-id",
            description = "The sink's application id (default: ${DEFAULT-VALUE}).")
    String sinkId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RoleAcls acls = new RoleAcls(topicPrefix, processorId, sinkId, "signstream-eval-");
        PrintWriter out = spec.commandLine().getOut();
        if (!apply) {
            if (createTopics) {
                throw new IllegalArgumentException("--create-topics needs --apply");
            }
            for (Role role : Role.values()) {
                for (AclBinding binding : acls.bindings(role)) {
                    out.println(kafkaAclsLine(binding));
                }
            }
            out.flush();
            return 0;
        }
        KafkaSettings settings = kafka.settings(KafkaOptions.STREAMS_CLIENTS);
        KafkaOptions.check(settings, java.util.Map.of());
        try (Admin admin = Admin.create(settings.adminConfig())) {
            List<AclBinding> all = acls.all();
            admin.createAcls(all).all().get(60, TimeUnit.SECONDS);
            out.printf("created %d ACL bindings for producer, processor, sink and recorder%n", all.size());
            if (createTopics) {
                TopicProvisioner.ensure(admin, TopicProvisioner.standardTopics(
                        TopicNames.withPrefix(topicPrefix), partitions, replicationFactor),
                        Duration.ofSeconds(60));
                out.printf("topics %s{frames,words,sentences,dlq} exist%n", topicPrefix);
            }
        }
        out.flush();
        return 0;
    }

    /** One binding as the {@code kafka-acls.sh} line that creates it. */
    static String kafkaAclsLine(AclBinding binding) {
        var pattern = binding.pattern();
        String resource = switch (pattern.resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            case CLUSTER -> "--cluster";
            default -> throw new IllegalArgumentException("unexpected resource " + pattern.resourceType());
        };
        return "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add --allow-principal "
                + binding.entry().principal() + " --operation " + binding.entry().operation().name().toLowerCase(Locale.ROOT)
                + " " + resource + " '" + pattern.name() + "'"
                + (pattern.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }
}
