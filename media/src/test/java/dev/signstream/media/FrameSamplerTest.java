package dev.signstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    private static List<Long> sample(double fps, long[] timestamps) {
        FrameSampler sampler = new FrameSampler(fps);
        List<Long> kept = new ArrayList<>();
        for (long t : timestamps) {
            if (sampler.keep(t)) {
                kept.add(t);
            }
        }
        return kept;
    }

    private static long[] evenly(double sourceFps, double seconds) {
        int n = (int) Math.round(sourceFps * seconds);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.round(i * 1_000_000 / sourceFps);
        }
        return t;
    }

    @Test
    void thirtyToFifteenKeepsEverySecondFrameDespiteRounding() {
        long[] source = evenly(30, 4);

        List<Long> kept = sample(15, source);

        assertThat(kept).hasSize(60);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i)).isEqualTo(source[2 * i]);
        }
    }

    @Test
    void oddRatesComeOutAtTheTargetRateOnAverage() {
        for (double sourceFps : new double[] {24, 25, 29.97, 50, 60}) {
            List<Long> kept = sample(15, evenly(sourceFps, 20));

            double seconds = (kept.get(kept.size() - 1) - kept.get(0)) / 1e6;
            assertThat((kept.size() - 1) / seconds).as("rate from %s fps", sourceFps).isCloseTo(15, org.assertj.core.data.Offset.offset(0.1));
        }
    }

    @Test
    void variableFrameRateInputIsSampledByTime() {
        // Given frames with random gaps of 10-50 ms (a phone camera adapting its exposure)
        Random random = new Random(7);
        long[] source = new long[2000];
        for (int i = 1; i < source.length; i++) {
            source[i] = source[i - 1] + 10_000 + random.nextInt(40_000);
        }

        List<Long> kept = sample(15, source);

        // Then every 1/15 s slot holds exactly one kept frame (no gap reaches a whole slot) ...
        double slot = 1_000_000 / 15.0;
        for (int i = 0; i < kept.size(); i++) {
            assertThat((long) Math.floor((kept.get(i) - kept.get(0) + 700) / slot)).as("slot of kept frame %d", i)
                    .isEqualTo(i);
        }
        // ... so the rate is the target, though single intervals vary with the source's jitter
        double seconds = (kept.get(kept.size() - 1) - kept.get(0)) / 1e6;
        assertThat((kept.size() - 1) / seconds).isCloseTo(15, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aStallReanchorsInsteadOfBursting() {
        long[] source = {0, 33_333, 66_667, 2_000_000, 2_033_333, 2_066_667, 2_100_000, 2_133_333};

        List<Long> kept = sample(15, source);

        assertThat(kept).containsExactly(0L, 66_667L, 2_000_000L, 2_066_667L, 2_133_333L);
    }

    @Test
    void aSlowSourceKeepsEveryFrameAndNeverDuplicates() {
        long[] source = evenly(10, 3);

        assertThat(sample(15, source)).hasSize(source.length);
        assertThat(sample(15, new long[] {0, 0, 100_000})).containsExactly(0L, 100_000L);
    }

    @Test
    void rejectsBadRatesAndTimeGoingBackwards() {
        assertThatThrownBy(() -> new FrameSampler(0)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new FrameSampler(Double.NaN)).hasMessageContaining("fps");
        FrameSampler sampler = new FrameSampler(15);
        sampler.keep(1_000_000);
        assertThatThrownBy(() -> sampler.keep(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not decrease");
    }
}
