package dev.signstream.eval.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signstream.embedded.KafkaStack;
import dev.signstream.embedded.junit.WithKafka;
import dev.signstream.eval.record.LabelledSessions;
import dev.signstream.eval.record.RecordProgress;
import dev.signstream.eval.record.RecordSettings;
import dev.signstream.eval.record.Recorder;
import dev.signstream.schemas.KafkaSettings;
import dev.signstream.schemas.avro.FrameEncoding;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a replay starts, and the clear errors before anything is replayed. */
@WithKafka
class ReplayRangeTest {

    @TempDir
    Path dir;

    private static void record(KafkaSettings settings, String topic, String sessionPrefix, int size) throws Exception {
        try (Recorder recorder = Recorder.open(settings, new RecordSettings(topic, 2, (short) 1, Optional.empty(),
                FrameEncoding.JPEG, 3, 8, 2, "range-test"))) {
            recorder.record(LabelledSessions.synthetic(2, 1, 11, size, 15, sessionPrefix), RecordProgress.NONE);
        }
    }

    @Test
    void fromATimeTheRangeHoldsOnlyWhatWasWrittenSince(KafkaStack stack) throws Exception {
        String prefix = "range-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        KafkaSettings settings = ReplayFixtures.settings(stack, prefix);
        String topic = prefix + "recording";
        record(settings, topic, "early", 64);
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        record(settings, topic, "late", 64);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Recording all = TopicScanner.scan(settings, ReplayRange.resolve(admin, topic, Optional.empty(),
                    Duration.ofSeconds(30)));
            Recording late = TopicScanner.scan(settings, ReplayRange.resolve(admin, topic, Optional.of(between),
                    Duration.ofSeconds(30)));

            assertThat(all.sessions()).extracting(SessionRecord::sessionId)
                    .containsExactlyInAnyOrder("early-0000", "early-0001", "late-0000", "late-0001");
            assertThat(late.sessions()).extracting(SessionRecord::sessionId)
                    .containsExactlyInAnyOrder("late-0000", "late-0001");
            assertThat(late.sessions()).allMatch(SessionRecord::scored);
            assertThat(late.range().records()).isEqualTo(late.chunks()).isLessThan(all.chunks());
        }
    }

    @Test
    void aReplayStoppedOnRequestClosesAndLeavesNoTopicOrGroupBehind(KafkaStack stack) throws Exception {
        String prefix = "stop-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        KafkaSettings settings = ReplayFixtures.settings(stack, prefix);
        String topic = prefix + "recording";
        try (Recorder recorder = Recorder.open(settings, new RecordSettings(topic, 2, (short) 1, Optional.empty(),
                FrameEncoding.JPEG, 3, 8, 2, "stop-test"))) {
            recorder.record(LabelledSessions.synthetic(2, 1, 3, 64, 15, "stop", ReplayFixtures.sentences(dir)),
                    RecordProgress.NONE);
        }
        Path model = ReplayFixtures.model(dir.resolve("model"), Map.of());
        ReplayProgress stopAtOnce = new ReplayProgress() {
            @Override
            public void modelStarted(int index, String name, long records) {
            }

            @Override
            public void processed(int index, long records) {
            }

            @Override
            public void modelDone(int index) {
            }

            @Override
            public boolean stopRequested() {
                return true;
            }
        };
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Set<String> topicsBefore = admin.listTopics().names().get();
            Set<String> groupsBefore = groups(admin);

            assertThatThrownBy(() -> ReplayEvaluation.run(settings, ReplayOptions.of(topic, Optional.empty(),
                    List.of(model)), stopAtOnce))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped on request");

            Set<String> newTopics = new HashSet<>(admin.listTopics().names().get());
            newTopics.removeAll(topicsBefore);
            assertThat(newTopics).isEmpty();
            Set<String> newGroups = groups(admin);
            newGroups.removeAll(groupsBefore);
            assertThat(newGroups).isEmpty();
        }
        // a recording stopped on request says how far it got
        try (Recorder recorder = Recorder.open(settings, new RecordSettings(topic, 2, (short) 1, Optional.empty(),
                FrameEncoding.JPEG, 3, 8, 1, "stop-test"))) {
            assertThatThrownBy(() -> recorder.record(LabelledSessions.synthetic(2, 1, 3, 64, 15, "again",
                    ReplayFixtures.sentences(dir)), new RecordProgress() {
                        @Override
                        public void sessionDone(int done, int total) {
                        }

                        @Override
                        public boolean stopRequested() {
                            return true;
                        }
                    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped on request after 0 of 2");
        }
    }

    private static Set<String> groups(Admin admin) throws Exception {
        Set<String> ids = new HashSet<>();
        admin.listConsumerGroups().all().get().forEach(g -> ids.add(g.groupId()));
        return ids;
    }

    @Test
    void missingTopicsEmptyRangesAndModelsThatCannotTakeTheRecordingAreClearErrors(KafkaStack stack) throws Exception {
        String prefix = "errors-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        KafkaSettings settings = ReplayFixtures.settings(stack, prefix);
        Path model = ReplayFixtures.model(dir.resolve("model"), Map.of());

        assertThatThrownBy(() -> ReplayEvaluation.run(settings, ReplayOptions.of(prefix + "nothing", Optional.empty(),
                List.of(model)), ReplayProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");

        String small = prefix + "small";
        record(settings, small, "small", 96);
        assertThatThrownBy(() -> ReplayEvaluation.run(settings, ReplayOptions.of(small, Optional.empty(),
                List.of(model)), ReplayProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recorded at 96x96")
                .hasMessageContaining("takes 64x64");
        assertThatThrownBy(() -> ReplayEvaluation.run(settings, ReplayOptions.of(small,
                Optional.of(Instant.now().plusSeconds(3600)), List.of(model)), ReplayProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no records");

        String wide = prefix + "wide";
        record(settings, wide, "wide", 64);
        assertThatThrownBy(() -> ReplayEvaluation.run(settings, ReplayOptions.of(wide, Optional.empty(),
                List.of(model)), ReplayProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not know");

        assertThatThrownBy(() -> ReplayEvaluation.run(settings, ReplayOptions.of(wide, Optional.empty(),
                List.of(dir.resolve("no-model"))), ReplayProgress.NONE))
                .hasMessageContaining("model folder not found");
    }
}
