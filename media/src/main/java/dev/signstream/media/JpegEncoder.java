package dev.signstream.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_BITEXACT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes packed RGB24 frames of one size to baseline JPEG (JFIF, 4:2:0 chroma, full range) with
 * FFmpeg's {@code mjpeg} encoder at a fixed quantiser scale.
 *
 * <p>Why FFmpeg rather than the JDK's ImageIO writer: at 112 and 172 px it took about half the CPU
 * time per frame and gave smaller files at the same PSNR ({@code JpegEncoderBenchmark} in this
 * module's tests; figures in docs/producer.md). Every native buffer is allocated once; the only
 * per-frame allocation is the returned array. Output is bit-exact for the same input. Not
 * thread-safe: one encoder per thread, closed when done (it holds native memory).
 */
public final class JpegEncoder implements AutoCloseable {

    /** Quantiser scale when none is given: near the visual limit at model sizes, ~1-2 KB a frame at 112 px. */
    public static final int DEFAULT_QSCALE = 3;
    /** Best quantiser scale the encoder accepts (largest files). */
    public static final int BEST_QSCALE = 2;
    /** Worst quantiser scale (smallest files). */
    public static final int WORST_QSCALE = 31;

    private final int width;
    private final int height;
    private final int qscale;
    private final AVCodecContext context;
    private final AVFrame yuv;
    private final AVPacket packet;
    private final SwsContext converter;
    private final BytePointer rgb;
    private final PointerPointer<BytePointer> rgbPlanes;
    private final IntPointer rgbStrides;
    private long pts;
    private boolean closed;

    /**
     * @param width  frame width in pixels (every frame must have it)
     * @param height frame height in pixels
     * @param qscale {@value #BEST_QSCALE} (best) to {@value #WORST_QSCALE} (smallest)
     */
    public JpegEncoder(int width, int height, int qscale) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (qscale < BEST_QSCALE || qscale > WORST_QSCALE) {
            throw new IllegalArgumentException("JPEG qscale must be " + BEST_QSCALE + "-" + WORST_QSCALE
                    + " (lower is better), got " + qscale);
        }
        FfmpegLog.errorsOnly();
        this.width = width;
        this.height = height;
        this.qscale = qscale;
        AVCodec codec = avcodec.avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (codec == null) {
            throw new MediaException("this FFmpeg build has no mjpeg encoder");
        }
        context = avcodec.avcodec_alloc_context3(codec);
        context.width(width).height(height).pix_fmt(AV_PIX_FMT_YUVJ420P).time_base(avutil.av_make_q(1, 30));
        context.flags(context.flags() | AV_CODEC_FLAG_QSCALE | AV_CODEC_FLAG_BITEXACT);
        context.global_quality(FF_QP2LAMBDA * qscale);
        context.thread_count(1);
        int opened = avcodec.avcodec_open2(context, codec, (AVDictionary) null);
        if (opened < 0) {
            avcodec.avcodec_free_context(context);
            throw new MediaException("cannot open the mjpeg encoder for " + width + "x" + height
                    + ": FFmpeg error " + opened);
        }
        yuv = avutil.av_frame_alloc();
        yuv.format(AV_PIX_FMT_YUVJ420P).width(width).height(height);
        avutil.av_frame_get_buffer(yuv, 32);
        packet = avcodec.av_packet_alloc();
        converter = swscale.sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, AV_PIX_FMT_YUVJ420P,
                SWS_BILINEAR, (SwsFilter) null, (SwsFilter) null, (DoublePointer) null);
        rgb = new BytePointer((long) width * height * 3);
        // sws_scale reads four plane pointers and strides even for packed input.
        rgbPlanes = new PointerPointer<>(rgb, null, null, null);
        rgbStrides = new IntPointer(width * 3, 0, 0, 0);
    }

    public int qscale() {
        return qscale;
    }

    /** Encodes one frame of this encoder's size; returns a new array holding exactly the JPEG file. */
    public byte[] encode(RgbFrame frame) {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
                    + " but this JPEG encoder is " + width + "x" + height);
        }
        return encode(frame.pixels());
    }

    /**
     * Encodes {@code width * height * 3} bytes of packed RGB24 (for renderers that fill a plain
     * array); returns a new array holding exactly the JPEG file.
     */
    public byte[] encode(byte[] rgb24) {
        if (closed) {
            throw new IllegalStateException("JPEG encoder is closed");
        }
        if (rgb24.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes of RGB24 for "
                    + width + "x" + height + ", got " + rgb24.length);
        }
        rgb.put(rgb24, 0, rgb24.length);
        // The encoder drops its reference to the picture once the packet is out, so this does not
        // copy; it is what FFmpeg's API asks before writing into a frame it has seen.
        if (avutil.av_frame_make_writable(yuv) < 0) {
            throw new MediaException("cannot reuse the picture buffer of the mjpeg encoder");
        }
        swscale.sws_scale(converter, rgbPlanes, rgbStrides, 0, height, yuv.data(), yuv.linesize());
        yuv.pts(pts++);
        yuv.quality(FF_QP2LAMBDA * qscale);
        int sent = avcodec.avcodec_send_frame(context, yuv);
        int received = sent < 0 ? sent : avcodec.avcodec_receive_packet(context, packet);
        if (received < 0) {
            throw new MediaException("mjpeg encoding of a " + width + "x" + height + " frame failed: FFmpeg error "
                    + received);
        }
        try {
            byte[] jpeg = new byte[packet.size()];
            packet.data().get(jpeg);
            return jpeg;
        } finally {
            avcodec.av_packet_unref(packet);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        swscale.sws_freeContext(converter);
        avcodec.av_packet_free(packet);
        avutil.av_frame_free(yuv);
        avcodec.avcodec_free_context(context);
        rgb.close();
        rgbPlanes.close();
        rgbStrides.close();
    }
}
