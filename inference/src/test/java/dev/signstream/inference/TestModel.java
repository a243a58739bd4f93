package dev.signstream.inference;

import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;

/**
 * The random-weight test model (inference/scripts/make_test_model.py: training's `small`
 * architecture at 64x64 with bounded memory, 7 classes including {@code <signing>}, every block active)
 * and frame helpers.
 */
public final class TestModel {

    public static final int SIZE = 64;

    private TestModel() {
    }

    public static Path folder() {
        try {
            return Path.of(TestModel.class.getResource("/models/random-small/model.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the test model on CPU with one intra-op thread (tests share two cores). */
    public static StreamModel load() {
        return StreamModel.load(folder(), RuntimeOptions.cpu().withIntraOpThreads(1));
    }

    /** {@code count} frames of random RGB bytes, capture times 1 s + 66,667 us apart from {@code firstTime}. */
    public static byte[][] randomFrames(Random random, int count) {
        byte[][] frames = new byte[count][SIZE * SIZE * 3];
        for (byte[] frame : frames) {
            random.nextBytes(frame);
        }
        return frames;
    }

    /** Fills {@code block} with {@code frames[from .. from+count)}, frame i captured at i * 66,667 us. */
    public static FrameBlock fill(FrameBlock block, byte[][] frames, int from, int count) {
        FrameDecoder decoder = new FrameDecoder(SIZE, SIZE);
        block.clear();
        for (int i = from; i < from + count; i++) {
            decoder.appendRgb(frames[i], i * 66_667L, block);
        }
        return block;
    }

    /** Largest |a - b| over two arrays. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    public static double maxAbs(float[] a) {
        double max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
