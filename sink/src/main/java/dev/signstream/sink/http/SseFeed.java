package dev.signstream.sink.http;

import dev.signstream.sink.view.CaptionLine;
import dev.signstream.sink.view.CaptionListener;
import io.javalin.http.sse.SseClient;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected server-sent-events client. Lines are queued (never written on the view's thread)
 * and a shared executor writes them in order; a client that falls {@value #MAX_QUEUED} events
 * behind is disconnected (it reconnects and gets the current state again) rather than holding
 * memory or the other clients up.
 */
final class SseFeed implements CaptionListener {

    /** Events a client may be behind before it is disconnected. */
    static final int MAX_QUEUED = 256;
    private static final Logger LOG = LoggerFactory.getLogger(SseFeed.class);

    private record Event(String name, String data) {
    }

    private static final Event KEEP_ALIVE = new Event(null, "keep-alive");

    private final String sessionId;
    private final SseClient client;
    private final Executor writer;
    private final SseMetrics metrics;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;

    SseFeed(String sessionId, SseClient client, Executor writer, SseMetrics metrics) {
        this.sessionId = sessionId;
        this.client = client;
        this.writer = writer;
        this.metrics = metrics;
    }

    @Override
    public void onLine(CaptionLine line, String json) {
        enqueue(new Event(line.isFinal() ? "final" : "partial", json));
    }

    /** Queues an SSE comment, so idle connections stay open through proxies and dead ones are noticed. */
    void keepAlive() {
        enqueue(KEEP_ALIVE);
    }

    private void enqueue(Event event) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= MAX_QUEUED) {
                closed = true;
                queue.clear();
                metrics.overflow();
                LOG.warn("{}: SSE client {} is {} events behind; disconnecting it", sessionId,
                        client.ctx().ip(), MAX_QUEUED);
                writer.execute(client::close);
                return;
            }
            queue.add(event);
            schedule = !draining;
            draining = true;
        }
        if (schedule) {
            writer.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Event event;
            synchronized (this) {
                event = queue.poll();
                if (event == null || closed) {
                    draining = false;
                    return;
                }
            }
            if (client.terminated()) {
                synchronized (this) {
                    closed = true;
                    draining = false;
                }
                return;
            }
            if (event == KEEP_ALIVE) {
                client.sendComment(event.data());
            } else {
                client.sendEvent(event.name(), event.data());
                metrics.sent();
            }
        }
    }

    /** Stops queueing (the client went away). */
    synchronized void stop() {
        closed = true;
        queue.clear();
    }
}
