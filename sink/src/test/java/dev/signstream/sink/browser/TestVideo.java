package dev.signstream.sink.browser;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * A short generated video for the player test: H.264 (OpenH264 in JavaCV's FFmpeg) in MPEG-TS,
 * whose timestamps run on the capture clock, as an encoder that stamps its video with the wall
 * clock writes them: the frame captured at epoch time t carries PTS t x 90 kHz (modulo 2^33).
 */
final class TestVideo {

    static final int WIDTH = 160;
    static final int HEIGHT = 90;
    static final int FPS = 10;

    private TestVideo() {
    }

    /**
     * Writes {@code seconds} of a moving pattern.
     *
     * @param startUs capture time (epoch micros) of the first frame
     */
    static void write(Path file, long startUs, int seconds) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), WIDTH, HEIGHT, 0)) {
            recorder.setFormat("mpegts");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(FPS);
            recorder.setVideoBitrate(150_000);
            // no muxing delay: the first PTS is exactly the first frame's capture time
            recorder.setOption("max_delay", "0");
            recorder.start();
            Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            for (int i = 0; i < seconds * FPS; i++) {
                for (int p = 0; p < pixels.capacity(); p++) {
                    pixels.put(p, (byte) ((p / 3 + i * 4) & 0xff));
                }
                recorder.setTimestamp(startUs + i * 1_000_000L / FPS);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
    }
}
