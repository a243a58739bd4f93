package dev.signstream.producer.pipeline;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the first fatal error of any producer thread (a source that broke, a chunk Kafka
 * refused) so the process stops and reports it instead of carrying on without it. Thread-safe.
 */
public final class FailureLatch {

    private final AtomicReference<RuntimeException> first = new AtomicReference<>();
    private final CountDownLatch failed = new CountDownLatch(1);

    /** Records a failure; later ones are attached to the first as suppressed. */
    public void fail(RuntimeException error) {
        if (!first.compareAndSet(null, error)) {
            RuntimeException existing = first.get();
            if (existing != error) {
                existing.addSuppressed(error);
            }
        }
        failed.countDown();
    }

    /** The first failure, or null. */
    public RuntimeException failure() {
        return first.get();
    }

    public boolean failed() {
        return first.get() != null;
    }

    /** Waits up to the timeout for a failure; true if one happened. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return failed.await(timeout, unit);
    }
}
