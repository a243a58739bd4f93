package dev.signstream.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes packed RGB24 frames to an MP4 file with the MPEG-4 Part 2 encoder ({@code mpeg4}).
 *
 * <p>Why this codec: this FFmpeg build has no libx264; {@code mpeg4} is built in, takes a fixed
 * quantiser (so quality does not depend on a rate controller), and OpenCV, browsers' FFmpeg-based
 * tools and JavaCV all decode it. The encoder runs single-threaded with the bit-exact flags, so the
 * same frames always give the same bytes.
 *
 * <p>The file is written under a temporary name next to the target and moved into place on
 * {@link #close()}, so a crash never leaves a truncated file under the final name. Paths reach
 * FFmpeg as UTF-8 under a UTF-8 locale (Korean folder names work; tested). Not thread-safe; one
 * writer per thread.
 */
public final class Mp4Writer implements AutoCloseable {

    private final Path target;
    private final Path partial;
    private final int width;
    private final int height;
    private final FFmpegFrameRecorder recorder;
    private final ByteBuffer staging;
    private final CloseOnce closing;
    private int framesWritten;

    private Mp4Writer(Path target, Path partial, int width, int height, FFmpegFrameRecorder recorder) {
        this.target = target;
        this.partial = partial;
        this.width = width;
        this.height = height;
        this.recorder = recorder;
        this.staging = ByteBuffer.allocateDirect(width * height * 3);
        this.closing = new CloseOnce(recorder);
    }

    /**
     * Opens a writer. Width and height must be even (the encoder stores 4:2:0 chroma).
     *
     * @throws MediaException if the encoder cannot start or the folder is not writable
     */
    public static Mp4Writer open(Path file, int width, int height, Mp4Settings settings) {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("MP4 frame size must be positive and even, got " + width + "x" + height);
        }
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new MediaException("cannot write " + file + ": folder " + folder + " does not exist");
        }
        Path partial;
        try {
            partial = Files.createTempFile(folder, ".partial-", ".mp4");
        } catch (IOException e) {
            throw new MediaException("cannot write into " + folder + ": " + e.getMessage(), e);
        }
        FfmpegLog.errorsOnly();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(partial.toString(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(settings.fps());
        recorder.setGopSize(settings.gopFrames());
        recorder.setVideoQuality(settings.qscale());
        // Determinism: one encoder thread, no version strings or wall-clock metadata in the file.
        recorder.setVideoOption("threads", "1");
        recorder.setVideoOption("flags", "+bitexact");
        recorder.setOption("fflags", "+bitexact");
        if (settings.faststart()) {
            recorder.setOption("movflags", "+faststart");
        }
        if (settings.rotationDegrees() != 0) {
            recorder.setDisplayRotation(settings.rotationDegrees());
        }
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            deleteQuietly(partial, e);
            throw new MediaException("cannot start the MP4 encoder for " + file + ": " + e.getMessage(), e);
        }
        return new Mp4Writer(target, partial, width, height, recorder);
    }

    /** Appends one frame: {@code width * height * 3} bytes of packed RGB24. */
    public void write(byte[] rgb) {
        if (closing.closed()) {
            throw new IllegalStateException("writer for " + target + " is closed");
        }
        if (rgb.length != staging.capacity()) {
            throw new IllegalArgumentException("expected " + staging.capacity() + " bytes of RGB24 for "
                    + width + "x" + height + ", got " + rgb.length);
        }
        staging.clear();
        staging.put(rgb).flip();
        try {
            recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, avutil.AV_PIX_FMT_RGB24, staging);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new MediaException("encoding frame " + framesWritten + " of " + target + " failed: " + e.getMessage(), e);
        }
        framesWritten++;
    }

    /** Appends one frame; its size must match the writer's. Its timestamp is ignored (frames are evenly spaced). */
    public void write(RgbFrame frame) {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
                    + " but the writer for " + target + " is " + width + "x" + height);
        }
        write(frame.pixels());
    }

    public int framesWritten() {
        return framesWritten;
    }

    /** Finishes the file (its index) and moves it to its final name. A writer with no frames fails here. */
    @Override
    public void close() {
        boolean finished = closing.close(e -> {
            deleteQuietly(partial, e);
            return new MediaException("finishing " + target + " failed: " + e.getMessage(), e);
        });
        if (!finished) {
            return;
        }
        if (framesWritten == 0) {
            deleteQuietly(partial, null);
            throw new MediaException("no frames were written to " + target + "; the file was not created");
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial, e);
            throw new MediaException("cannot move the finished video to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file, Exception primary) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                throw new MediaException("cannot delete the unfinished file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
