package dev.signstream.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stop signal between {@code main}'s shutdown hook and long-running commands: the hook asks
 * commands to stop, then waits (bounded) until the command has closed what it opened.
 */
final class Shutdown {

    /** How long Ctrl-C waits for a clean stop before the JVM goes anyway. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static final CountDownLatch REQUESTED = new CountDownLatch(1);
    private static final CountDownLatch DONE = new CountDownLatch(1);

    private Shutdown() {
    }

    /** Blocks until Ctrl-C (or another stop request). */
    static void await() throws InterruptedException {
        REQUESTED.await();
    }

    /** Blocks until a stop request or the timeout; true when stop was requested. */
    static boolean await(Duration timeout) throws InterruptedException {
        return REQUESTED.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once a stop has been requested. */
    static boolean requested() {
        return REQUESTED.getCount() == 0;
    }

    /** Asks running commands to stop (tests use it in place of Ctrl-C). */
    static void request() {
        REQUESTED.countDown();
    }

    static void requestAndAwait() {
        request();
        try {
            DONE.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void markDone() {
        DONE.countDown();
    }
}
