package dev.signstream.bench.pipeline;

import dev.signstream.media.JpegEncoder;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.live.SessionScript;
import dev.signstream.synth.live.SessionSpec;
import dev.signstream.synth.live.SyntheticSession;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Synthetic signing sessions rendered and encoded once, before a benchmark measures anything: the
 * load generator then only replays their frames (with fresh capture times), so what the benchmark
 * measures is the platform, not the renderer. Each session is a different unseen signer signing
 * random sentences; its frames are grouped in chunks.
 *
 * @param chunks per session, its chunks; per chunk, its encoded frames (read-only, shared by replays)
 * @param size frame edge in pixels
 * @param fps frames per second the sessions were rendered at
 * @param chunkFrames frames per chunk
 * @param encoding JPEG or raw RGB24
 */
public record ChunkPool(List<List<List<ByteBuffer>>> chunks, int size, double fps, int chunkFrames,
                        FrameEncoding encoding) {

    public ChunkPool {
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty() || chunks.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a pool needs sessions of one chunk or more");
        }
    }

    /**
     * Renders {@code sessions} sessions of {@code length} each, on up to 2 threads.
     *
     * @param seed seeds the signers, their sentences and the scenes
     */
    public static ChunkPool render(int sessions, Duration length, int size, double fps, int chunkFrames,
                                   FrameEncoding encoding, long seed) throws Exception {
        if (sessions < 1 || chunkFrames < 1 || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("need sessions >= 1, chunk frames >= 1 and a positive length");
        }
        int frames = (int) Math.ceil(length.toNanos() / 1e9 * fps);
        int chunks = Math.max(1, frames / chunkFrames);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, sessions));
        try {
            List<Future<List<List<ByteBuffer>>>> rendered = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int index = s;
                rendered.add(pool.submit(() -> renderOne(index, chunks, size, fps, chunkFrames, encoding, seed)));
            }
            List<List<List<ByteBuffer>>> all = new ArrayList<>();
            for (Future<List<List<ByteBuffer>>> f : rendered) {
                all.add(f.get());
            }
            return new ChunkPool(all, size, fps, chunkFrames, encoding);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<List<ByteBuffer>> renderOne(int index, int chunks, int size, double fps, int chunkFrames,
                                                    FrameEncoding encoding, long seed) {
        SessionSpec spec = new SessionSpec("pool-" + index, SignerIdentity.of(SignerPool.LIVE, index, seed),
                SessionScript.endless(Sentences.standard()), size, fps, seed * 1_000 + index, 0);
        List<List<ByteBuffer>> out = new ArrayList<>(chunks);
        byte[] rgb = new byte[size * size * 3];
        try (SyntheticSession session = new SyntheticSession(spec);
             JpegEncoder jpeg = new JpegEncoder(size, size, JpegEncoder.DEFAULT_QSCALE)) {
            for (int c = 0; c < chunks && session.hasNext(); c++) {
                List<ByteBuffer> frames = new ArrayList<>(chunkFrames);
                for (int f = 0; f < chunkFrames && session.hasNext(); f++) {
                    session.next(rgb);
                    byte[] payload = encoding == FrameEncoding.JPEG ? jpeg.encode(rgb) : rgb.clone();
                    frames.add(ByteBuffer.wrap(payload).asReadOnlyBuffer());
                }
                if (frames.size() == chunkFrames) {
                    out.add(Collections.unmodifiableList(frames));
                }
            }
        }
        return out;
    }

    /** Sessions in the pool. */
    public int sessions() {
        return chunks.size();
    }

    /** The frames of chunk {@code index} of pool session {@code session}; a session replays from its start when done. */
    public List<ByteBuffer> chunk(int session, long index) {
        List<List<ByteBuffer>> of = chunks.get(session % chunks.size());
        return of.get((int) (index % of.size()));
    }

    /** Encoded bytes of every frame in the pool. */
    public long bytes() {
        return chunks.stream().flatMap(List::stream).flatMap(List::stream).mapToLong(ByteBuffer::remaining).sum();
    }

    /** Chunks of every session together. */
    public long chunkCount() {
        return chunks.stream().mapToLong(List::size).sum();
    }
}
