package dev.signstream.eval.offline;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.engine.Stepper;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.recognition.ChunkOutcome;
import dev.signstream.inference.recognition.Recognizer;
import dev.signstream.inference.state.SessionState;
import dev.signstream.media.RgbFrame;
import dev.signstream.media.VideoReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs corpus clips through the runtime for one worker thread: decodes the MP4 at the model's input
 * size, cuts it into chunks of the model's chunk length with capture times {@code frame / fps}, and
 * steps a fresh session through them. Reuses its frame, decoder and block from clip to clip.
 */
final class ClipRunner {

    private final StreamModel model;
    private final Stepper stepper;
    private final Recognizer recognizer;
    private final FrameDecoder decoder;
    private final FrameBlock block;
    private final RgbFrame frame;
    private long frames;

    ClipRunner(StreamModel model, Stepper stepper) {
        this.model = model;
        this.stepper = stepper;
        this.recognizer = new Recognizer(stepper, model.wordDecoder());
        this.decoder = model.newFrameDecoder();
        this.block = model.newFrameBlock(model.manifest().chunkLength());
        this.frame = new RgbFrame(model.manifest().width(), model.manifest().height());
    }

    /** Frames run through the model by this runner so far. */
    long frames() {
        return frames;
    }

    /** The logits after the clip's last frame, from a fresh state, without resets (the model card's rule). */
    float[] classify(Path file, CorpusClip clip) {
        SessionState state = model.stateCodec().newState();
        float[][] last = new float[1][];
        forEachChunk(file, clip, chunk -> last[0] = stepper.step(state, chunk));
        return last[0];
    }

    /** The words the decoder emits over the clip, including the flush at its end. */
    List<DecodedWord> transcribe(Path file, CorpusClip clip) {
        SessionState state = model.stateCodec().newState();
        List<DecodedWord> words = new ArrayList<>();
        long[] seq = {0};
        forEachChunk(file, clip, chunk -> {
            ChunkOutcome outcome = recognizer.accept(state, seq[0]++, chunk);
            words.addAll(outcome.words());
        });
        recognizer.finish(state).ifPresent(words::add);
        return words;
    }

    private void forEachChunk(Path file, CorpusClip clip, Consumer<FrameBlock> onChunk) {
        int index = 0;
        block.clear();
        try (VideoReader reader = VideoReader.open(file, frame.width(), frame.height())) {
            while (reader.read(frame)) {
                long captureUs = Math.round(index * 1_000_000.0 / clip.fps());
                decoder.appendRgb(frame.pixels(), captureUs, block);
                index++;
                if (block.count() == block.capacity()) {
                    onChunk.accept(block);
                    block.clear();
                }
            }
        }
        if (block.count() > 0) {
            onChunk.accept(block);
            block.clear();
        }
        if (index != clip.frames()) {
            throw new IllegalStateException(file + " decodes to " + index + " frames, the manifest says " + clip.frames());
        }
        if (index == 0) {
            throw new IllegalStateException(file + " holds no frames");
        }
        frames += index;
    }
}
