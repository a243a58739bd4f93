package dev.signstream.producer;

import dev.signstream.media.JpegEncoder;
import dev.signstream.schemas.avro.FrameEncoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How a producer samples, shapes, encodes and chunks its sessions: {@link #defaults} and a
 * {@code withX} per setting. Validated once, here; a bad value is refused with a message that names
 * the setting in words.
 *
 * @param sessionId     the session id, or the prefix of {@code sessions > 1} ids ({@code ID-0000, ID-0001, ...})
 * @param sessions      how many sessions to run (synthetic and file sources)
 * @param fps           target frame rate (frames are chosen by capture time)
 * @param size          side of the square frames, in pixels
 * @param chunkFrames   frames per chunk
 * @param encoding      JPEG or RAW_RGB24
 * @param jpegQscale    JPEG quantiser scale, 2 (best) to 31 (smallest)
 * @param loop          start a file over at its end, forever
 * @param realtime      pace a file at its own speed rather than as fast as Kafka accepts
 * @param queueFrames   frames a session may queue between capture and Kafka (live sources drop the
 *                      oldest beyond this, files wait); empty: {@value #DEFAULT_QUEUE_CHUNKS} chunks' worth
 * @param openTimeout   how long a network source may take to answer
 * @param producerId    written into every chunk's {@code producer_id}
 * @param seed          seed of the synthetic signers and their scripts
 * @param sentences     sentences each synthetic session signs before it ends; 0 signs forever
 * @param cameraThreads threads rendering the synthetic sessions
 */
public record ProduceSettings(String sessionId, int sessions, double fps, int size, int chunkFrames,
                              FrameEncoding encoding, int jpegQscale, boolean loop, boolean realtime,
                              OptionalInt queueFrames, Duration openTimeout, String producerId, long seed,
                              int sentences, int cameraThreads) {

    /** One session. */
    public static final int DEFAULT_SESSIONS = 1;
    /** The student project's frame_step 2 at 30 fps. */
    public static final double DEFAULT_FPS = 15;
    /** The shipped small model's input size. */
    public static final int DEFAULT_SIZE = 64;
    public static final int DEFAULT_CHUNK_FRAMES = 8;
    /** Frames as cameras send them. */
    public static final FrameEncoding DEFAULT_ENCODING = FrameEncoding.JPEG;
    /** A session queues four chunks (about two seconds at 15 fps with chunks of 8) before Kafka. */
    public static final int DEFAULT_QUEUE_CHUNKS = 4;
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_SEED = 1;
    /** Synthetic signers sign until the producer stops. */
    public static final int DEFAULT_SENTENCES = 0;

    private static final Pattern SESSION_ID = Pattern.compile("[\\p{L}\\p{N}._:@+-]{1,200}");

    public ProduceSettings {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("session id '" + sessionId + "': use 1-200 letters, digits or ._:@+-");
        }
        check(sessions >= 1 && sessions <= 10_000, "sessions must be 1-10000, got " + sessions);
        check(fps > 0 && fps <= 60, "fps must be in (0, 60], got " + fps);
        check(size >= 16 && size <= 1024, "the frame size must be 16-1024 pixels, got " + size);
        check(chunkFrames >= 1 && chunkFrames <= 256, "frames per chunk must be 1-256, got " + chunkFrames);
        check(encoding == FrameEncoding.JPEG || encoding == FrameEncoding.RAW_RGB24,
                "the encoding must be jpeg or raw, got " + encoding);
        check(jpegQscale >= JpegEncoder.BEST_QSCALE && jpegQscale <= JpegEncoder.WORST_QSCALE,
                "the JPEG qscale must be " + JpegEncoder.BEST_QSCALE + "-" + JpegEncoder.WORST_QSCALE
                        + " (lower is better), got " + jpegQscale);
        Objects.requireNonNull(queueFrames, "queueFrames");
        check(queueFrames.orElse(1) >= 1, "queue frames must be at least 1, got " + queueFrames.orElse(1));
        check(openTimeout != null && !openTimeout.isNegative() && !openTimeout.isZero(),
                "the open timeout must be positive, got " + openTimeout);
        check(producerId != null && !producerId.isBlank(), "the producer id must not be empty");
        check(sentences >= 0, "sentences must not be negative, got " + sentences);
        check(cameraThreads >= 1, "camera threads must be at least 1, got " + cameraThreads);
    }

    /**
     * Every default, for the given session id: one session at {@value #DEFAULT_FPS} fps,
     * {@value #DEFAULT_SIZE}-pixel JPEG frames in chunks of {@value #DEFAULT_CHUNK_FRAMES}, a camera
     * thread per core, {@link #defaultProducerId()}.
     */
    public static ProduceSettings defaults(String sessionId) {
        return new ProduceSettings(sessionId, DEFAULT_SESSIONS, DEFAULT_FPS, DEFAULT_SIZE, DEFAULT_CHUNK_FRAMES,
                DEFAULT_ENCODING, JpegEncoder.DEFAULT_QSCALE, false, false, OptionalInt.empty(), DEFAULT_OPEN_TIMEOUT,
                defaultProducerId(), DEFAULT_SEED, DEFAULT_SENTENCES, Runtime.getRuntime().availableProcessors());
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Frames a session may queue: {@link #queueFrames} if set, else {@value #DEFAULT_QUEUE_CHUNKS} chunks' worth. */
    public int queueCapacity() {
        return queueFrames.orElse(DEFAULT_QUEUE_CHUNKS * chunkFrames);
    }

    /** The id of every session: the id itself for one session, {@code ID-0000, ID-0001, ...} for several. */
    public List<String> sessionIds() {
        if (sessions == 1) {
            return List.of(sessionId);
        }
        List<String> ids = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            ids.add(String.format(Locale.ROOT, "%s-%04d", sessionId, i));
        }
        return ids;
    }

    public ProduceSettings withSessions(int value) {
        return new ProduceSettings(sessionId, value, fps, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withFps(double value) {
        return new ProduceSettings(sessionId, sessions, value, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withSize(int value) {
        return new ProduceSettings(sessionId, sessions, fps, value, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withChunkFrames(int value) {
        return new ProduceSettings(sessionId, sessions, fps, size, value, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withEncoding(FrameEncoding value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, value, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withJpegQscale(int value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, value, loop,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withLoop(boolean value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, value,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withRealtime(boolean value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                value, queueFrames, openTimeout, producerId, seed, sentences, cameraThreads);
    }

    /** Frames a session may queue; without this, {@value #DEFAULT_QUEUE_CHUNKS} chunks' worth. */
    public ProduceSettings withQueueFrames(int frames) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, OptionalInt.of(frames), openTimeout, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withOpenTimeout(Duration value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, value, producerId, seed, sentences, cameraThreads);
    }

    public ProduceSettings withProducerId(String value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, value, seed, sentences, cameraThreads);
    }

    public ProduceSettings withSeed(long value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, value, sentences, cameraThreads);
    }

    public ProduceSettings withSentences(int value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, seed, value, cameraThreads);
    }

    public ProduceSettings withCameraThreads(int value) {
        return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                realtime, queueFrames, openTimeout, producerId, seed, sentences, value);
    }

    /** {@code produce@<host>/<pid>}: enough to tell two producer processes apart. */
    public static String defaultProducerId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                // only a label in the chunks; the pid still tells processes on one host apart
                host = "unknown-host";
            }
        }
        return "produce@" + host + "/" + ProcessHandle.current().pid();
    }
}
