package dev.signstream.synth.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many synthetic cameras in real time on a small thread pool: each session renders frame
 * {@code n} at its wall-clock time {@code startEpochMicros + n / fps} and hands it to a listener,
 * then schedules its next frame at that frame's due time. A session that falls behind renders its
 * overdue frames back to back (capture timestamps stay exact); how late frames start is measured
 * in {@link #stats()}. A session whose rendering or listener throws
 * is stopped, logged and counted, and {@link #awaitFinished} reports it.
 */
public final class LiveCameras implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCameras.class);

    /** Receives every frame on a camera thread; the buffer is reused after the call returns. */
    @FunctionalInterface
    public interface FrameListener {
        void onFrame(SyntheticSession session, byte[] rgb, FrameTruth truth) throws Exception;
    }

    private final ScheduledThreadPoolExecutor executor;
    private final List<Camera> cameras = new ArrayList<>();
    private final CountDownLatch finished;
    private final LiveStats stats;

    private LiveCameras(List<SessionSpec> specs, int threads, FrameListener listener) {
        double fps = specs.get(0).fps();
        for (SessionSpec spec : specs) {
            if (spec.fps() != fps) {
                throw new IllegalArgumentException("all sessions of one rig share a frame rate: " + spec.sessionId()
                        + " has " + spec.fps() + ", the first has " + fps);
            }
        }
        long period = Math.round(1e9 / fps);
        this.stats = new LiveStats(period);
        this.finished = new CountDownLatch(specs.size());
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, "synthetic-camera-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        List<SyntheticSession> sessions = new ArrayList<>(specs.size());
        for (SessionSpec spec : specs) {
            sessions.add(new SyntheticSession(spec));
        }
        // map capture times to the monotonic clock only once every session is built, so building
        // them does not count as lateness
        long nowNanos = System.nanoTime();
        long nowMicros = System.currentTimeMillis() * 1000;
        for (SyntheticSession session : sessions) {
            long startNanos = nowNanos + (session.spec().startEpochMicros() - nowMicros) * 1000;
            Camera camera = new Camera(session, startNanos, period, listener);
            cameras.add(camera);
            camera.scheduleNext();
        }
    }

    /**
     * Starts the sessions: each one's frame 0 is due at its {@code startEpochMicros} (or now, if
     * that has passed). All sessions must share one frame rate.
     */
    public static LiveCameras start(List<SessionSpec> specs, int threads, FrameListener listener) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no sessions to start");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new LiveCameras(specs, threads, listener);
    }

    public LiveStats stats() {
        return stats;
    }

    public int sessions() {
        return cameras.size();
    }

    /**
     * Waits until every session with a finite script has ended.
     *
     * @return false on timeout
     * @throws IllegalStateException if a session died of an error (the first one is the cause)
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        boolean done = finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        Throwable failure = stats.firstFailure();
        if (failure != null) {
            throw new IllegalStateException("a synthetic camera failed: " + failure.getMessage(), failure);
        }
        return done;
    }

    /** Stops every session and waits for running frames to finish. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("synthetic cameras did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Camera camera : cameras) {
            camera.session.close();
        }
    }

    /** One session on the schedule. It schedules its next frame when a frame is done, so its runs never overlap. */
    private final class Camera implements Runnable {
        private final SyntheticSession session;
        private final long startNanos;
        private final long periodNanos;
        private final FrameListener listener;
        private final byte[] buffer;
        private volatile boolean done;

        Camera(SyntheticSession session, long startNanos, long periodNanos, FrameListener listener) {
            this.session = session;
            this.startNanos = startNanos;
            this.periodNanos = periodNanos;
            this.listener = listener;
            this.buffer = new byte[session.size() * session.size() * 3];
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            try {
                long due = startNanos + session.nextFrame() * periodNanos;
                long began = System.nanoTime();
                FrameTruth truth = session.next(buffer);
                listener.onFrame(session, buffer, truth);
                stats.record(began - due, System.nanoTime() - began);
                if (truth.last()) {
                    finish();
                } else {
                    scheduleNext();
                }
            } catch (Exception | Error e) {
                LOG.error("synthetic camera {} stopped at frame {}", session.sessionId(), session.nextFrame(), e);
                stats.failure(e);
                finish();
            }
        }

        void scheduleNext() {
            long due = startNanos + session.nextFrame() * periodNanos;
            try {
                executor.schedule(this, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the rig is closing: this session simply stops
                done = true;
            }
        }

        private void finish() {
            done = true;
            finished.countDown();
        }
    }
}
