package dev.signstream.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaptureClockTest {

    @Test
    void aFileKeepsItsOwnSpacingFromTheMomentItStartsAndLoopsSeamlessly() {
        AtomicLong wall = new AtomicLong(1_000_000_000);
        CaptureClock clock = CaptureClock.forFile("test", wall::get, 66_667);

        assertThat(clock.captureMicros(500)).isEqualTo(1_000_000_000);
        wall.addAndGet(5_000_000); // decoding speed does not matter for files
        assertThat(clock.captureMicros(33_833)).isEqualTo(1_000_033_333);
        clock.startNextPass();
        assertThat(clock.captureMicros(0)).isEqualTo(1_000_100_000);
        assertThat(clock.captureMicros(33_333)).isEqualTo(1_000_133_333);
    }

    @Test
    void timeNeverStandsStillOrRunsBackwards() {
        CaptureClock clock = CaptureClock.forFile("test", () -> 0, 1);

        assertThat(clock.captureMicros(100)).isEqualTo(0);
        assertThat(clock.captureMicros(100)).isEqualTo(1);
        assertThat(clock.captureMicros(50)).isEqualTo(2);
        assertThat(clock.captureMicros(200)).isEqualTo(100);
    }

    @Test
    void aLiveSourceFollowsItsTimestampsButReanchorsWhenTheyDriftFromTheWallClock() {
        AtomicLong wall = new AtomicLong(5_000_000_000L);
        CaptureClock clock = CaptureClock.forLive("test", wall::get, 2_000_000);

        assertThat(clock.captureMicros(10_000_000)).isEqualTo(5_000_000_000L);
        wall.addAndGet(70_000); // a frame reaches us 3 ms late: its own timestamp wins
        assertThat(clock.captureMicros(10_066_667)).isEqualTo(5_000_066_667L);
        wall.addAndGet(66_000);
        // the stream restarted its timestamps at 0 (a reconnect): re-anchor on the wall clock
        assertThat(clock.captureMicros(0)).isEqualTo(5_000_136_000L);
        wall.addAndGet(66_667);
        assertThat(clock.captureMicros(66_667)).isEqualTo(5_000_202_667L);
    }
}
