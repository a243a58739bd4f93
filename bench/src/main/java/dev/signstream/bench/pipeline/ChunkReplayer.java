package dev.signstream.bench.pipeline;

import dev.signstream.schemas.avro.FrameChunk;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live load generator of {@code signstream bench live}: N camera sessions that replay
 * pre-rendered chunks in real time, as cameras would send them. Session i starts a fraction of a
 * chunk after session i-1, each frame gets a fresh capture time (now, at the session's frame rate),
 * and each chunk is sent when its last frame is "captured". One thread schedules every session, so
 * the generator costs little more than the Kafka producer's own work.
 *
 * <p>Nothing is dropped on purpose: a chunk Kafka does not take counts as dropped (with its frames),
 * and how late the generator sent chunks says whether it kept up.
 */
public final class ChunkReplayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkReplayer.class);

    private final Producer<String, FrameChunk> producer;
    private final String topic;
    private final ChunkPool pool;
    private final List<String> sessionIds;
    private final long frameMicros;
    private final AtomicLongArray sentChunks;
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong lateSamples = new AtomicLong();
    private final long[] lateMicros = new long[1 << 16];
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    /** One session's next chunk, ordered by when it is due. */
    private record Due(int session, long seq, long dueMicros) {
    }

    private ChunkReplayer(Producer<String, FrameChunk> producer, String topic, ChunkPool pool, List<String> sessionIds) {
        this.producer = producer;
        this.topic = topic;
        this.pool = pool;
        this.sessionIds = List.copyOf(sessionIds);
        this.frameMicros = Math.round(1e6 / pool.fps());
        this.sentChunks = new AtomicLongArray(sessionIds.size());
        this.thread = new Thread(this::run, "bench-replayer");
        this.thread.setDaemon(true);
    }

    /** Starts replaying one session per id (session i replays pool session i modulo the pool's size). */
    public static ChunkReplayer start(Producer<String, FrameChunk> producer, String topic, ChunkPool pool,
                                      List<String> sessionIds) {
        ChunkReplayer replayer = new ChunkReplayer(producer, topic, pool, sessionIds);
        replayer.thread.start();
        return replayer;
    }

    private void run() {
        int n = sessionIds.size();
        long chunkMicros = frameMicros * pool.chunkFrames();
        long start = nowMicros() + 200_000;
        PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueMicros, b.dueMicros));
        for (int i = 0; i < n; i++) {
            // the first frame of session i is captured at start + i/n of a chunk; its chunk is due at its last frame
            long first = start + chunkMicros * i / n;
            queue.add(new Due(i, 0, first + frameMicros * (pool.chunkFrames() - 1)));
        }
        try {
            while (!stopping) {
                long wait = queue.peek().dueMicros - nowMicros();
                if (wait > 0) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(wait));
                    continue;
                }
                Due next = queue.poll();
                send(next, false);
                recordLate(nowMicros() - next.dueMicros);
                queue.add(new Due(next.session, next.seq + 1, next.dueMicros + chunkMicros));
            }
            // each session ends with an empty last chunk, as a camera that stops
            for (Due due : queue) {
                send(due, true);
            }
            producer.flush();
        } catch (RuntimeException e) {
            LOG.error("the load generator stopped", e);
            failure.set(e);
        }
    }

    private void send(Due due, boolean end) {
        String session = sessionIds.get(due.session);
        List<ByteBuffer> frames = end ? List.of() : pool.chunk(due.session, due.seq);
        Long[] times = new Long[frames.size()];
        long firstMicros = due.dueMicros - frameMicros * (pool.chunkFrames() - 1);
        for (int f = 0; f < times.length; f++) {
            times[f] = firstMicros + f * frameMicros;
        }
        List<ByteBuffer> payloads = new ArrayList<>(frames.size());
        for (ByteBuffer frame : frames) {
            payloads.add(frame.duplicate());
        }
        FrameChunk chunk = FrameChunk.newBuilder()
                .setSessionId(session)
                .setSeq(due.seq)
                .setCaptureTimesUs(Arrays.asList(times))
                .setWidth(pool.size())
                .setHeight(pool.size())
                .setEncoding(pool.encoding())
                .setFrames(payloads)
                .setFps((float) pool.fps())
                .setLast(end)
                .setSource("bench-replay")
                .setProducerId("signstream-bench")
                .build();
        int frameCount = frames.size();
        producer.send(new ProducerRecord<>(topic, session, chunk), (metadata, error) -> {
            if (error != null) {
                droppedFrames.addAndGet(frameCount);
                LOG.warn("{}: chunk {} not delivered: {}", session, due.seq, error.toString());
            }
        });
        if (!end) {
            sentChunks.incrementAndGet(due.session);
        }
    }

    private void recordLate(long micros) {
        synchronized (lateMicros) {
            long i = lateSamples.getAndIncrement();
            lateMicros[(int) (i % lateMicros.length)] = Math.max(0, micros);
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Chunks sent so far by each session, in the order of the ids given. */
    public long[] sentChunks() {
        long[] out = new long[sentChunks.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sentChunks.get(i);
        }
        return out;
    }

    /** Frames whose chunk Kafka did not take. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    /** The 99th percentile of how late chunks were sent after their last frame's capture time, in ms (recent chunks). */
    public double lateP99Ms() {
        long[] copy;
        synchronized (lateMicros) {
            copy = Arrays.copyOf(lateMicros, (int) Math.min(lateSamples.get(), lateMicros.length));
        }
        int n = copy.length;
        if (n == 0) {
            return 0;
        }
        Arrays.sort(copy);
        return copy[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1000.0;
    }

    /** Forgets how late chunks were so far (the warm-up's), so {@link #lateP99Ms} covers what follows. */
    public void resetLate() {
        synchronized (lateMicros) {
            lateSamples.set(0);
        }
    }

    /** Why the generator stopped, if it failed. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops replaying; every session sends an empty last chunk; waits for Kafka to take them. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join(30_000);
    }
}
