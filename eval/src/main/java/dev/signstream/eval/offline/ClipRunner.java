package dev.signstream.eval.offline;

import dev.signstream.inference.decoder.DecodedWord;
import dev.signstream.inference.decoder.WordDecoder;
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
    private final Recognizer recognizer;
    private final FrameDecoder decoder;
    private final FrameBlock block;
    private final RgbFrame frame;
    private long frames;

    ClipRunner(StreamModel model, Stepper stepper) {
        this.model = model;
        this.recognizer = new Recognizer(stepper, model.wordDecoder());
        this.decoder = model.newFrameDecoder();
        this.block = model.newFrameBlock(model.manifest().chunkLength());
        this.frame = new RgbFrame(model.manifest().width(), model.manifest().height());
    }

    /** Frames run through the model by this runner so far. */
    long frames() {
        return frames;
    }

    /**
     * What the processor would make of the clip as a session: the words the decoder emits, and each
     * class's highest probability over the clip's readings (ranks the runners-up of an isolated clip).
     */
    Transcript transcribe(Path file, CorpusClip clip) {
        SessionState state = model.stateCodec().newState();
        List<DecodedWord> words = new ArrayList<>();
        float[] peaks = new float[model.manifest().classes()];
        long[] seq = {0};
        forEachChunk(file, clip, chunk -> {
            ChunkOutcome outcome = recognizer.accept(state, seq[0]++, chunk);
            words.addAll(outcome.words());
            float[] p = WordDecoder.probabilities(outcome.logits());
            for (int c = 0; c < peaks.length; c++) {
                peaks[c] = Math.max(peaks[c], p[c]);
            }
        });
        return new Transcript(words, peaks);
    }

    /** A clip's words and the peak probability of every class over its readings. */
    record Transcript(List<DecodedWord> words, float[] peakProbabilities) {
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
