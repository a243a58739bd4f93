package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.embedded.EmbeddedKafkaCluster;
import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.AvroSerdes;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.TopicNames;
import dev.signstream.schemas.Topics;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.WordEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * As Kafka's own system tests do: a three-node cluster (every topic replicated three times,
 * {@code min.insync.replicas} 2), live sessions signing through a processor, and the node that
 * coordinates the processor's consumer group killed mid-session (no controlled shutdown) and, once
 * the controllers have fenced it and its partitions have new leaders, started again. Every session's words must equal those of an uninterrupted run: none lost, none
 * doubled.
 */
@WithKafka
class BrokerFailureTest {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerFailureTest.class);
    /** Live pace: a chunk of 8 frames is 0.53 s of video at 15 fps. */
    private static final Duration ROUND = Duration.ofMillis(533);

    @Test
    void aBrokerKilledAndRestartedWhileSessionsSignLosesAndDoublesNoWord(KafkaStack registry) throws Exception {
        assertThat(run(registry, 1, 4, 2, 5)).isEqualTo(1);
    }

    /** Six kills, each node twice: {@code mvn -Psoak verify -pl processor -Dtest=BrokerFailureTest}. */
    @Test
    @Tag("soak")
    void soakSixBrokerKills(KafkaStack registry) throws Exception {
        assertThat(run(registry, 6, 6, 10, 9)).isEqualTo(6);
    }

    /**
     * @param registry only its schema registry is used; the cluster is this test's own
     * @return the kills done
     */
    private int run(KafkaStack registry, int kills, int sessionCount, int sentences, long seed) throws Exception {
        long started = System.nanoTime();
        // Given live sessions, their words from an uninterrupted run, a three-node cluster and a processor
        List<RenderedSession> sessions = LiveSessions.render("broker-failure", seed, sessionCount, sentences);
        Map<String, List<String>> expected = LiveSessions.uninterruptedWords(sessions);
        TopicNames names = ProcessorFixture.uniqueNames("broker-failure");
        String applicationId = "broker-failure-" + UUID.randomUUID();
        int killed = 0;
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3)) {
            KafkaSettings settings = KafkaSettings.parse(Map.of(KafkaSettings.TOPIC_PREFIX_ENV,
                            names.frames().substring(0, names.frames().length() - "frames".length())),
                    Optional.of(cluster.bootstrapServers()), Optional.of(registry.registryUrl()),
                    List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), StreamsConfig.configDef()));
            Topics topics = Topics.create(names, new AvroSerdes(registry.registryUrl(), Map.of()));
            ProcessorOptions options = ProcessorOptions.defaults(LiveSessions.MODEL)
                    .withApplicationId(applicationId)
                    .withStateDir(Files.createTempDirectory("broker-failure-"))
                    .withRuntime(RuntimeOptions.cpu().withIntraOpThreads(1))
                    .withDecoderOverrides(LiveSessions.DECODER)
                    // sessions may stall while the cluster elects new leaders; they must not be ended for it
                    .withRules(SessionRules.defaults().withIdleTimeout(Duration.ofMinutes(10)));
            try (ProcessorService processor = ProcessorService.start(options, settings, new SimpleMeterRegistry());
                 Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
                 KafkaProducer<String, FrameChunk> producer = new KafkaProducer<>(Map.of(
                         "bootstrap.servers", cluster.bootstrapServers(), "acks", "all", "enable.idempotence", true),
                         Serdes.String().serializer(), topics.frames().valueSerde().serializer())) {
                assertThat(processor.runner().awaitRunning(Duration.ofSeconds(60))).isTrue();
                assertThat(admin.describeTopics(List.of(names.frames())).allTopicNames().get().get(names.frames())
                        .partitions()).allMatch(p -> p.replicas().size() == 3);

                // When the sessions sign at live pace while the group's coordinator node is killed and restarted
                LiveSessions.Rounds rounds = new LiveSessions.Rounds(producer, names.frames(), sessions);
                int every = Math.max(2, rounds.total() / (2 * kills + 1));
                List<String> events = new ArrayList<>();
                int down = -1;
                int downSince = 0;
                while (!rounds.done()) {
                    rounds.send();
                    Thread.sleep(ROUND.toMillis());
                    if (down < 0 && killed < kills && rounds.next() - downSince >= every) {
                        down = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId)
                                .coordinator().id();
                        events.add("round " + rounds.next() + ": kill node " + down);
                        LOG.info("round {}/{}: killing node {}, the coordinator of {}", rounds.next(), rounds.total(),
                                down, applicationId);
                        cluster.kill(down);
                        killed++;
                        downSince = rounds.next();
                    } else if (down >= 0 && rounds.next() - downSince >= every && !cluster.liveNodes().contains(down)) {
                        // the controllers have fenced it: its partitions have new leaders, the group a new coordinator
                        events.add("round " + rounds.next() + ": restart node " + down);
                        LOG.info("round {}/{}: restarting node {}", rounds.next(), rounds.total(), down);
                        cluster.restart(down);
                        down = -1;
                        downSince = rounds.next();
                    }
                }
                if (down >= 0) {
                    cluster.restart(down);
                    events.add("end: restart node " + down);
                }

                // Then every session ends with exactly its uninterrupted words
                Map<String, List<WordEvent>> received = LiveSessions.readUntilEveryEnd(cluster.bootstrapServers(),
                        topics, sessions.size(), Duration.ofSeconds(180));
                int words = LiveSessions.assertSameWords(sessions, expected, received);
                LOG.info("broker failure: {} kills ({}), {} sessions, {} words, all equal to the uninterrupted run,"
                        + " in {} s", killed, events, sessions.size(), words,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        }
        return killed;
    }
}
