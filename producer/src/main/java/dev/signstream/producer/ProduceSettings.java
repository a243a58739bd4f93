package dev.signstream.producer;

import dev.signstream.media.JpegEncoder;
import dev.signstream.schemas.avro.FrameEncoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a producer samples, shapes, encodes and chunks its sessions. Validated once; every bad value
 * is refused with a message naming its command-line flag.
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
 *                      oldest beyond this, files wait)
 * @param openTimeout   how long a network source may take to answer
 * @param producerId    written into every chunk's {@code producer_id}
 * @param seed          seed of the synthetic signers and their scripts
 * @param sentences     sentences each synthetic session signs before it ends; 0 signs forever
 * @param cameraThreads threads rendering the synthetic sessions
 */
public record ProduceSettings(String sessionId, int sessions, double fps, int size, int chunkFrames,
                              FrameEncoding encoding, int jpegQscale, boolean loop, boolean realtime,
                              int queueFrames, Duration openTimeout, String producerId, long seed, int sentences,
                              int cameraThreads) {

    /** The student project's frame_step 2 at 30 fps. */
    public static final double DEFAULT_FPS = 15;
    /** The shipped small model's input size. */
    public static final int DEFAULT_SIZE = 64;
    public static final int DEFAULT_CHUNK_FRAMES = 8;
    public static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern SESSION_ID = Pattern.compile("[\\p{L}\\p{N}._:@+-]{1,200}");

    public ProduceSettings {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("--session '" + sessionId + "': use 1-200 letters, digits or ._:@+-");
        }
        check(sessions >= 1 && sessions <= 10_000, "--sessions must be 1-10000, got " + sessions);
        check(fps > 0 && fps <= 60, "--fps must be in (0, 60], got " + fps);
        check(size >= 16 && size <= 1024, "--size must be 16-1024 pixels, got " + size);
        check(chunkFrames >= 1 && chunkFrames <= 256, "--chunk must be 1-256 frames, got " + chunkFrames);
        check(encoding == FrameEncoding.JPEG || encoding == FrameEncoding.RAW_RGB24,
                "--encoding must be jpeg or raw, got " + encoding);
        check(jpegQscale >= JpegEncoder.BEST_QSCALE && jpegQscale <= JpegEncoder.WORST_QSCALE,
                "--jpeg-qscale must be " + JpegEncoder.BEST_QSCALE + "-" + JpegEncoder.WORST_QSCALE
                        + " (lower is better), got " + jpegQscale);
        check(queueFrames >= 1, "--queue-frames must be at least 1, got " + queueFrames);
        check(openTimeout != null && !openTimeout.isNegative() && !openTimeout.isZero(),
                "--open-timeout must be positive, got " + openTimeout);
        check(producerId != null && !producerId.isBlank(), "--producer-id must not be empty");
        check(sentences >= 0, "--sentences must not be negative, got " + sentences);
        check(cameraThreads >= 1, "--camera-threads must be at least 1, got " + cameraThreads);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
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

    /** Settings with every default, for the given session id. */
    public static Builder builder(String sessionId) {
        return new Builder(sessionId);
    }

    /** Builds settings from the defaults up. */
    public static final class Builder {
        private final String sessionId;
        private int sessions = 1;
        private double fps = DEFAULT_FPS;
        private int size = DEFAULT_SIZE;
        private int chunkFrames = DEFAULT_CHUNK_FRAMES;
        private FrameEncoding encoding = FrameEncoding.JPEG;
        private int jpegQscale = JpegEncoder.DEFAULT_QSCALE;
        private boolean loop;
        private boolean realtime;
        private Integer queueFrames;
        private Duration openTimeout = DEFAULT_OPEN_TIMEOUT;
        private String producerId = defaultProducerId();
        private long seed = 1;
        private int sentences;
        private int cameraThreads = Runtime.getRuntime().availableProcessors();

        private Builder(String sessionId) {
            this.sessionId = sessionId;
        }

        public Builder sessions(int value) {
            sessions = value;
            return this;
        }

        public Builder fps(double value) {
            fps = value;
            return this;
        }

        public Builder size(int value) {
            size = value;
            return this;
        }

        public Builder chunkFrames(int value) {
            chunkFrames = value;
            return this;
        }

        public Builder encoding(FrameEncoding value) {
            encoding = value;
            return this;
        }

        public Builder jpegQscale(int value) {
            jpegQscale = value;
            return this;
        }

        public Builder loop(boolean value) {
            loop = value;
            return this;
        }

        public Builder realtime(boolean value) {
            realtime = value;
            return this;
        }

        /** Default: four chunks' worth of frames (about two seconds at 15 fps with chunks of 8). */
        public Builder queueFrames(int value) {
            queueFrames = value;
            return this;
        }

        public Builder openTimeout(Duration value) {
            openTimeout = value;
            return this;
        }

        public Builder producerId(String value) {
            producerId = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder sentences(int value) {
            sentences = value;
            return this;
        }

        public Builder cameraThreads(int value) {
            cameraThreads = value;
            return this;
        }

        public ProduceSettings build() {
            return new ProduceSettings(sessionId, sessions, fps, size, chunkFrames, encoding, jpegQscale, loop,
                    realtime, queueFrames == null ? 4 * chunkFrames : queueFrames, openTimeout, producerId, seed,
                    sentences, cameraThreads);
        }
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
