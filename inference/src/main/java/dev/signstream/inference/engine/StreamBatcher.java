package dev.signstream.inference.engine;

import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dynamic batcher shared by many threads: each caller runs {@link #step} synchronously (e.g. from a
 * Kafka Streams {@code process()}); worker threads gather the steps waiting at that moment (up to
 * {@link BatcherSettings#maxBatch()}, waiting up to {@link BatcherSettings#maxWait()} for partners),
 * run them as one ONNX call and hand each caller its own logits and updated state. Each step is
 * complete when {@code step} returns, so a caller never commits an input whose result is pending.
 *
 * <p>Only chunks of equal length share a call; others wait for the next one, in arrival order.
 * Batch partners never change a session's result beyond float noise.
 */
public final class StreamBatcher implements Stepper, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBatcher.class);

    private final StreamModel model;
    private final BatcherSettings settings;
    private final BlockingQueue<PendingStep> queue;
    private final ThreadLocal<PendingStep> slots = ThreadLocal.withInitial(PendingStep::new);
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong steps = new AtomicLong();
    private volatile boolean closed;
    /** Why a worker died, if one did: every later step fails fast with it instead of waiting forever. */
    private volatile Throwable broken;

    private StreamBatcher(StreamModel model, BatcherSettings settings) {
        this.model = model;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.maxQueue());
    }

    /** Starts the worker threads. Close the batcher before the model. */
    public static StreamBatcher start(StreamModel model, BatcherSettings settings) {
        StreamBatcher batcher = new StreamBatcher(model, settings);
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(batcher::work, "stream-batcher-" + i);
            worker.setDaemon(true);
            batcher.workers.add(worker);
            worker.start();
        }
        return batcher;
    }

    /**
     * Advances one session by one chunk, sharing an ONNX call with whatever other threads step at the
     * same time. Blocks until the result is in {@code state}.
     *
     * @throws InferenceException if the call failed (every session in it gets the failure)
     * @throws IllegalStateException if the batcher is closed, or the calling thread is interrupted
     */
    @Override
    public float[] step(SessionState state, FrameBlock frames) {
        if (closed) {
            throw new IllegalStateException("the stream batcher is closed");
        }
        if (broken != null) {
            throw new InferenceException("the stream batcher stopped after a worker failure: " + broken, broken);
        }
        // Checked here, not in the worker, so that one caller's mistake never fails its batch partners.
        if (state.layout() != model.stateCodec().layout()) {
            throw new IllegalArgumentException("state of model " + state.modelVersion() + " given to the batcher of "
                    + model.manifest().version());
        }
        if (frames.count() < 1 || frames.width() != model.manifest().width()
                || frames.height() != model.manifest().height()) {
            throw new IllegalArgumentException("a step needs 1 or more frames of " + model.manifest().width() + "x"
                    + model.manifest().height() + ", got " + frames.count() + " of " + frames.width() + "x"
                    + frames.height());
        }
        PendingStep slot = slots.get();
        slot.prepare(state, frames, new float[model.manifest().classes()]);
        try {
            queue.put(slot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a step", e);
        }
        // close() (or a dying worker) may have drained the queue between the check above and the put
        if ((closed || broken != null) && queue.remove(slot)) {
            slot.clear();
            throw new IllegalStateException("the stream batcher closed before the step ran");
        }
        while (!slot.done) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                // The worker may be running this step right now: wait for it rather than leave
                // the state half-written, then report the interrupt.
                awaitUninterruptibly(slot);
                Thread.currentThread().interrupt();
                break;
            }
        }
        Throwable failure = slot.failure;
        float[] logits = slot.logits;
        slot.clear();
        if (failure != null) {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new InferenceException("step failed: " + failure, failure);
        }
        return logits;
    }

    private static void awaitUninterruptibly(PendingStep slot) {
        while (!slot.done) {
            LockSupport.park(slot);
        }
    }

    /** ONNX calls run so far. */
    public long calls() {
        return calls.get();
    }

    /** Session steps run so far (steps / calls = mean batch size). */
    public long steps() {
        return steps.get();
    }

    private void work() {
        ArrayDeque<PendingStep> deferred = new ArrayDeque<>();
        PendingStep[] batch = new PendingStep[settings.maxBatch()];
        SessionState[] states = new SessionState[settings.maxBatch()];
        FrameBlock[] blocks = new FrameBlock[settings.maxBatch()];
        float[][] logits = new float[settings.maxBatch()][];
        long maxWaitNanos = settings.maxWait().toNanos();
        try (StreamPredictor predictor = model.newPredictor()) {
            while (!closed) {
                int count = gather(deferred, batch, maxWaitNanos);
                if (count == 0) {
                    continue;
                }
                for (int i = 0; i < count; i++) {
                    states[i] = batch[i].state;
                    blocks[i] = batch[i].frames;
                    logits[i] = batch[i].logits;
                }
                Throwable failure = null;
                try {
                    predictor.step(states, blocks, count, logits);
                } catch (RuntimeException | Error e) {
                    LOG.error("batched step of {} session(s) failed", count, e);
                    failure = e;
                }
                calls.incrementAndGet();
                steps.addAndGet(count);
                for (int i = 0; i < count; i++) {
                    batch[i].complete(failure);
                    batch[i] = null;
                    states[i] = null;
                    blocks[i] = null;
                    logits[i] = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // A bug in gathering, not in a step: stop this batcher loudly rather than leave callers waiting.
            LOG.error("stream batcher worker {} failed; the batcher stops", Thread.currentThread().getName(), e);
            broken = e;
        } finally {
            failAll(deferred);
        }
    }

    /** Collects up to maxBatch steps of one chunk length; deferred steps of other lengths go first next time. */
    private int gather(ArrayDeque<PendingStep> deferred, PendingStep[] batch, long maxWaitNanos)
            throws InterruptedException {
        PendingStep first = deferred.pollFirst();
        if (first == null) {
            first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return 0;
            }
        }
        int length = first.frames.count();
        int count = 0;
        batch[count++] = first;
        // Deferred steps of the same length join first, keeping arrival order.
        for (var it = deferred.iterator(); it.hasNext() && count < batch.length; ) {
            PendingStep step = it.next();
            if (step.frames.count() == length) {
                batch[count++] = step;
                it.remove();
            }
        }
        long deadline = first.queuedAtNanos + maxWaitNanos;
        while (count < batch.length) {
            PendingStep next = queue.poll();
            if (next == null) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                next = queue.poll(remaining, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            if (next.frames.count() == length) {
                batch[count++] = next;
            } else {
                deferred.addLast(next);
            }
        }
        return count;
    }

    private void failAll(ArrayDeque<PendingStep> deferred) {
        IllegalStateException closedFailure = new IllegalStateException(broken == null
                ? "the stream batcher closed before the step ran"
                : "the stream batcher stopped after a worker failure: " + broken);
        PendingStep step;
        while ((step = deferred.pollFirst()) != null) {
            step.complete(closedFailure);
        }
        while ((step = queue.poll()) != null) {
            step.complete(closedFailure);
        }
    }

    /** Stops the workers; steps still queued fail with IllegalStateException. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (worker.isAlive()) {
                LOG.warn("stream batcher worker {} did not stop within 10 s", worker.getName());
            }
        }
        PendingStep step;
        while ((step = queue.poll()) != null) {
            step.complete(new IllegalStateException("the stream batcher closed before the step ran"));
        }
    }

    /** One caller's step, reused by that thread for every call (no allocation per step). */
    private static final class PendingStep {
        SessionState state;
        FrameBlock frames;
        float[] logits;
        Thread caller;
        long queuedAtNanos;
        Throwable failure;
        volatile boolean done;

        void prepare(SessionState state, FrameBlock frames, float[] logits) {
            this.state = state;
            this.frames = frames;
            this.logits = logits;
            this.caller = Thread.currentThread();
            this.failure = null;
            this.done = false;
            this.queuedAtNanos = System.nanoTime();
        }

        void complete(Throwable failure) {
            this.failure = failure;
            Thread waiting = caller;
            done = true;
            LockSupport.unpark(waiting);
        }

        void clear() {
            state = null;
            frames = null;
            logits = null;
            caller = null;
        }
    }
}
