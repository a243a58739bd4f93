package dev.signstream.producer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameQueueTest {

    private static EncodedFrame frame(long capture) {
        return new EncodedFrame(new byte[] {1}, capture, null);
    }

    @Test
    void aFullLiveQueueDropsTheOldestAndTellsTheConsumerHowManyWentBeforeEachFrame() throws Exception {
        FrameQueue queue = new FrameQueue(3, FrameQueue.WhenFull.DROP_OLDEST);
        for (long t = 1; t <= 5; t++) {
            queue.put(frame(t));
        }

        assertThat(queue.dropped()).isEqualTo(2);
        assertThat(queue.take().captureMicros()).isEqualTo(3);
        assertThat(queue.droppedBeforeLastTake()).isEqualTo(2);
        assertThat(queue.take().captureMicros()).isEqualTo(4);
        assertThat(queue.droppedBeforeLastTake()).isZero();
        queue.put(frame(6));
        queue.put(frame(7));
        queue.put(frame(8));
        assertThat(queue.take().captureMicros()).isEqualTo(6);
        assertThat(queue.droppedBeforeLastTake()).as("frame 5 went while 6-8 came").isEqualTo(1);
    }

    @Test
    void aFullFileQueueWaitsForTheConsumer() throws Exception {
        FrameQueue queue = new FrameQueue(1, FrameQueue.WhenFull.BLOCK);
        queue.put(frame(1));

        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.put(frame(2));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(second).isNotDone();
        assertThat(queue.take().captureMicros()).isEqualTo(1);

        assertThat(second.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(queue.take().captureMicros()).isEqualTo(2);
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void finishDrainsThenEndsAndAbandonReleasesAWaitingProducer() throws Exception {
        FrameQueue queue = new FrameQueue(1, FrameQueue.WhenFull.BLOCK);
        queue.put(frame(1));
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.put(frame(2));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(100);

        queue.abandon();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isZero();
        queue.finish();
        assertThat(queue.take()).isNull();
        assertThatThrownBy(() -> queue.put(frame(3))).hasMessageContaining("finished");
    }
}
