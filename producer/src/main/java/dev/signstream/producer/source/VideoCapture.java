package dev.signstream.producer.source;

import dev.signstream.media.FrameSampler;
import dev.signstream.media.MediaException;
import dev.signstream.media.RgbFrame;
import dev.signstream.media.VideoInput;
import dev.signstream.producer.pipeline.FailureLatch;
import dev.signstream.producer.pipeline.SessionLane;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread of one file, device or stream session: decode, map to capture time, sample
 * to the target rate, hand to the session's lane (encode, queue). Owns its {@link VideoInput}.
 * At the end of the stream, on stop, or on an error it finishes the lane, so the session's
 * publisher still sends the {@code last} chunk; an error is also recorded as the producer's failure.
 */
public final class VideoCapture implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoCapture.class);

    private final String sourceName;
    private final Supplier<VideoInput> reopen;
    private final FrameSampler sampler;
    private final SessionLane lane;
    private final FailureLatch failures;
    private final BooleanSupplier stopRequested;
    private final boolean loop;
    private final boolean realtime;
    private VideoInput input;

    /**
     * @param sourceName    the source for messages, passwords removed
     * @param input         the opened source (opened by the caller, so that open errors surface at start)
     * @param reopen        opens the same source again, for {@code --loop}
     * @param loop          start over at the end of a file
     * @param realtime      pace a file at its own speed instead of as fast as Kafka takes it
     */
    public VideoCapture(String sourceName, VideoInput input, Supplier<VideoInput> reopen, double fps,
                        SessionLane lane, FailureLatch failures, BooleanSupplier stopRequested, boolean loop,
                        boolean realtime) {
        this.sourceName = sourceName;
        this.input = input;
        this.reopen = reopen;
        this.sampler = new FrameSampler(fps);
        this.lane = lane;
        this.failures = failures;
        this.stopRequested = stopRequested;
        this.loop = loop;
        this.realtime = realtime;
    }

    @Override
    public void run() {
        String source = "session " + lane.sessionId() + " (" + sourceName + ")";
        boolean live = input.kind().live();
        CaptureClock clock = live
                ? CaptureClock.forLive(source, CaptureClock::systemMicros, 2_000_000)
                : CaptureClock.forFile(source, CaptureClock::systemMicros, Math.round(1e6 / sampler.fps()));
        RgbFrame frame = new RgbFrame(input.size(), input.size());
        // Files hold one sampled frame back, so the session's final frame is known when it is
        // offered and the last chunk carries it. Live sources do not wait: on stop they read one
        // more frame instead.
        RgbFrame held = live ? null : new RgbFrame(input.size(), input.size());
        boolean holding = false;
        long firstCapture = Long.MIN_VALUE;
        long startNanos = System.nanoTime();
        try {
            while (!stopRequested.getAsBoolean()) {
                if (!input.read(frame)) {
                    if (!loop) {
                        break;
                    }
                    nextPass(clock);
                    continue;
                }
                long capture = clock.captureMicros(frame.timestampMicros());
                if (!sampler.keep(capture)) {
                    continue;
                }
                if (firstCapture == Long.MIN_VALUE) {
                    firstCapture = capture;
                }
                if (realtime) {
                    sleepUntil(startNanos + (capture - firstCapture) * 1000);
                }
                frame.setTimestampMicros(capture);
                if (live) {
                    lane.offer(frame, capture, null, false);
                } else {
                    if (holding) {
                        lane.offer(held, held.timestampMicros(), null, false);
                    }
                    RgbFrame swap = held;
                    held = frame;
                    frame = swap;
                    holding = true;
                }
            }
            if (holding) {
                lane.offer(held, held.timestampMicros(), null, true);
            } else if (live && input.read(frame)) {
                lane.offer(frame, clock.captureMicros(frame.timestampMicros()), null, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("capture of session {} interrupted", lane.sessionId());
        } catch (RuntimeException e) {
            failures.fail(e);
        } finally {
            lane.finish();
            closeInput();
        }
    }

    /** Reopens the file for the next pass of a looping source. */
    private void nextPass(CaptureClock clock) {
        if (input.framesRead() == 0) {
            throw new MediaException("cannot loop " + sourceName + ": it has no frames");
        }
        input.close();
        input = reopen.get();
        clock.startNextPass();
    }

    private void sleepUntil(long dueNanos) throws InterruptedException {
        long wait = dueNanos - System.nanoTime();
        while (wait > 0 && !stopRequested.getAsBoolean()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
            wait = dueNanos - System.nanoTime();
        }
    }

    private void closeInput() {
        try {
            input.close();
        } catch (MediaException e) {
            // the frames are all out; a failing close is worth a warning, not a failed session
            LOG.warn("session {}: {}", lane.sessionId(), e.getMessage());
        }
    }
}
