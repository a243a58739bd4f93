package dev.signstream.synth.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.synth.lexicon.Sentences;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LiveCamerasTest {

    @Test
    void pacesSessionsInRealTimeAndDeliversEveryFrameInOrder() throws Exception {
        long start = System.currentTimeMillis() * 1000 + 200_000;
        SessionScript script = SessionScript.of(List.of(Sentences.standard().byId("s06")));
        List<SessionSpec> specs = SessionFleet.of(4, "live", script, 112, 15, 7, start);
        Map<String, List<FrameTruth>> received = new ConcurrentHashMap<>();
        List<Long> wallLagMicros = new CopyOnWriteArrayList<>();

        long began = System.nanoTime();
        try (LiveCameras cameras = LiveCameras.start(specs, 2, (session, rgb, truth) -> {
            received.computeIfAbsent(session.sessionId(), k -> new CopyOnWriteArrayList<>()).add(truth);
            wallLagMicros.add(System.currentTimeMillis() * 1000 - truth.captureMicros());
        })) {
            assertThat(cameras.awaitFinished(Duration.ofSeconds(60))).isTrue();
            LiveStats.Snapshot stats = cameras.stats().snapshot();
            assertThat(stats.failures()).isZero();
            assertThat(stats.frames()).isEqualTo(received.values().stream().mapToLong(List::size).sum());
        }
        double elapsed = (System.nanoTime() - began) / 1e9;

        assertThat(received).hasSize(4);
        int longest = 0;
        for (List<FrameTruth> truths : received.values()) {
            for (int i = 0; i < truths.size(); i++) {
                assertThat(truths.get(i).frame()).isEqualTo(i);
            }
            assertThat(truths.get(truths.size() - 1).last()).isTrue();
            longest = Math.max(longest, truths.size());
        }
        // real time: the run lasts as long as the video, and frames leave around their capture time
        assertThat(elapsed).isGreaterThan(longest / 15.0 * 0.9);
        long late = wallLagMicros.stream().filter(lag -> lag > 500_000).count();
        assertThat(late).as("frames delivered more than 0.5 s after capture").isLessThan(wallLagMicros.size() / 20 + 1);
        assertThat(wallLagMicros.stream().mapToLong(Long::longValue).min().orElseThrow()).isGreaterThan(-20_000);
    }

    @Test
    void aFailingListenerStopsItsSessionAndIsReported() throws Exception {
        SessionScript script = SessionScript.endless(Sentences.standard());
        List<SessionSpec> specs = SessionFleet.of(2, "bad", script, 64, 15, 1, System.currentTimeMillis() * 1000);
        try (LiveCameras cameras = LiveCameras.start(specs, 1, (session, rgb, truth) -> {
            if (truth.frame() == 3) {
                throw new IllegalStateException("listener broke at frame 3");
            }
        })) {
            try {
                cameras.awaitFinished(Duration.ofSeconds(10));
                throw new AssertionError("expected the failure to be reported");
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("listener broke at frame 3");
            }
            assertThat(cameras.stats().snapshot().failures()).isEqualTo(2);
        }
    }
}
