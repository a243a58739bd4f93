package dev.signstream.eval.soak;

import dev.signstream.inference.engine.RuntimeOptions;
import dev.signstream.inference.engine.StreamModel;
import dev.signstream.inference.engine.StreamPredictor;
import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.frames.FrameDecoder;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.inference.recognition.ChunkOutcome;
import dev.signstream.inference.recognition.Recognizer;
import dev.signstream.inference.state.SessionState;
import dev.signstream.inference.state.StateCodec;
import dev.signstream.schemas.words.EditDistance;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.live.FrameTruth;
import dev.signstream.synth.live.SessionScript;
import dev.signstream.synth.live.SessionSpec;
import dev.signstream.synth.live.SyntheticSession;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One synthetic session of 30 minutes ({@code -Dsoak.minutes}) through the runtime the way the
 * processor runs it: chunks of the model's length, the session state encoded and decoded around
 * every chunk, the word decoder, and never a model reset (the model's memory is bounded). In every
 * 5-minute window the word error rate must stay within 3 points of the first window's (and the
 * first at most 10 %), the stored state must keep its size and the heap must stay flat. The session's
 * words are aligned with what was signed once, as a whole, and each error is counted in the window
 * of its sign's end (see {@link #score}); every error is logged.
 */
@Tag("soak")
class LongSessionSoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(LongSessionSoakTest.class);
    private static final double WINDOW_MINUTES = 5;

    /** What one window saw. */
    private record Window(int index, long truthWords, long emittedWords, double wer, long framesSinceStart,
            double heapMb, int stateBytes) {
    }

    @Test
    void thirtyMinuteSessionKeepsItsAccuracyAndFlatMemory() {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "30"));
        try (StreamModel model = StreamModel.load(ShippedModel.folder(), RuntimeOptions.cpu());
                StreamPredictor predictor = model.newPredictor()) {
            ModelManifest m = model.manifest();
            SessionSpec spec = new SessionSpec("soak", SignerIdentity.of(SignerPool.LIVE, 3, 11),
                    SessionScript.endless(Sentences.standard()), m.width(), m.fps(), 5, 1_700_000_000_000_000L);
            List<Window> windows = run(model, predictor, spec, minutes);
            windows.forEach(w -> LOG.info(String.format(Locale.ROOT,
                    "window %d: %d true words, %d emitted, WER %.4f, %d frames since the session began, heap %.1f MB, "
                            + "state %d bytes", w.index, w.truthWords, w.emittedWords, w.wer, w.framesSinceStart,
                    w.heapMb, w.stateBytes)));

            Window first = windows.get(0);
            Window last = windows.get(windows.size() - 1);
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(windows).hasSize((int) Math.round(minutes / WINDOW_MINUTES));
            for (Window w : windows) {
                soft.assertThat(w.truthWords).as("true words in window %d", w.index).isPositive();
                soft.assertThat(w.framesSinceStart).as("the model was never reset (window %d)", w.index)
                        .isEqualTo((long) Math.floor((w.index + 1) * WINDOW_MINUTES * 60 * m.fps() / m.chunkLength())
                                * m.chunkLength());
                soft.assertThat(w.stateBytes).as("stored state bytes in window %d", w.index).isEqualTo(first.stateBytes);
                soft.assertThat(w.wer).as("window %d WER vs the first window's %s", w.index, first.wer)
                        .isLessThanOrEqualTo(first.wer + 0.03);
            }
            soft.assertThat(last.heapMb - first.heapMb).as("heap growth from the first window to the last, MB")
                    .isLessThan(16.0);
            // the accuracy kept must be worth keeping: the 5 % sentence target plus window-boundary slack
            soft.assertThat(first.wer).as("first window's WER").isLessThanOrEqualTo(0.10);
            soft.assertAll();
        }
    }

    /** A signed or emitted word and the frame it belongs to (a sign's last frame; a word's deciding frame). */
    record TimedWord(String gloss, long frame) {
    }

    private static List<Window> run(StreamModel model, StreamPredictor predictor, SessionSpec spec, double minutes) {
        ModelManifest m = model.manifest();
        StateCodec codec = model.stateCodec();
        Recognizer recognizer = new Recognizer(predictor, model.wordDecoder());
        FrameDecoder decoder = model.newFrameDecoder();
        FrameBlock block = model.newFrameBlock(m.chunkLength());
        long framesPerWindow = Math.round(WINDOW_MINUTES * 60 * m.fps());
        long totalFrames = Math.round(minutes * 60 * m.fps());
        byte[] rgb = new byte[m.width() * m.height() * 3];
        byte[] stored = codec.encode(codec.newState());
        List<Window> windows = new ArrayList<>();
        List<TimedWord> truth = new ArrayList<>();
        List<TimedWord> emitted = new ArrayList<>();
        long lastTruthWord = -1;
        long seq = 0;
        long modelFrames = 0;
        try (SyntheticSession session = new SyntheticSession(spec)) {
            for (long frame = 0; frame < totalFrames; frame++) {
                FrameTruth t = session.next(rgb);
                if (t.wordIndex() >= 0) {
                    if (t.wordIndex() != lastTruthWord) {
                        truth.add(new TimedWord(t.label(), frame));
                        lastTruthWord = t.wordIndex();
                    } else {
                        truth.set(truth.size() - 1, new TimedWord(t.label(), frame)); // the sign goes on
                    }
                }
                decoder.appendRgb(rgb, t.captureMicros(), block);
                if (block.count() == block.capacity()) {
                    // the processor's round trip: restore, step, store
                    SessionState state = codec.decode(stored).state();
                    ChunkOutcome outcome = recognizer.accept(state, seq++, block);
                    modelFrames = state.modelFrameCount(); // the graph's own count: any reset would zero it
                    long decided = frame;
                    outcome.words().forEach(w -> emitted.add(new TimedWord(w.gloss(), decided)));
                    stored = codec.encode(state);
                    block.clear();
                }
                if ((frame + 1) % framesPerWindow == 0) {
                    System.gc();
                    double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
                    windows.add(new Window(windows.size(), 0, 0, 0, modelFrames, heapMb, stored.length));
                }
            }
        }
        return score(windows, truth, emitted, framesPerWindow);
    }

    /**
     * Aligns the whole session's words once and gives each edit to the window of its sign's last frame
     * (an extra word: of the frame that decided it), so a sign at a window's end whose word comes a
     * moment later in the next window is not counted twice as a deletion and an insertion.
     */
    static List<Window> score(List<Window> windows, List<TimedWord> truth, List<TimedWord> emitted,
            long framesPerWindow) {
        long[] signed = new long[windows.size()];
        long[] words = new long[windows.size()];
        long[] errors = new long[windows.size()];
        truth.forEach(t -> signed[window(t.frame(), framesPerWindow, signed.length)]++);
        emitted.forEach(e -> words[window(e.frame(), framesPerWindow, words.length)]++);
        for (Edit edit : align(truth, emitted)) {
            int w = window(edit.frame(), framesPerWindow, errors.length);
            errors[w]++;
            LOG.info("window {}: {}", w, edit.what());
        }
        List<Window> scored = new ArrayList<>();
        for (Window w : windows) {
            int i = w.index();
            scored.add(new Window(i, signed[i], words[i], signed[i] == 0 ? Double.NaN : (double) errors[i] / signed[i],
                    w.framesSinceStart(), w.heapMb(), w.stateBytes()));
        }
        return scored;
    }

    private static int window(long frame, long framesPerWindow, int windows) {
        return (int) Math.min(windows - 1, frame / framesPerWindow);
    }

    /** One error of an alignment and the frame it belongs to. */
    record Edit(String what, long frame) {
    }

    /** The edits of a minimal (Levenshtein) alignment of the signed and the emitted words. */
    static List<Edit> align(List<TimedWord> truth, List<TimedWord> emitted) {
        List<Edit> edits = new ArrayList<>();
        for (var edit : EditDistance.alignment(glosses(truth), glosses(emitted))) {
            edits.add(switch (edit.kind()) {
                case SUBSTITUTION -> {
                    TimedWord signed = truth.get(edit.referenceIndex());
                    yield new Edit(signed.gloss() + " signed, " + emitted.get(edit.hypothesisIndex()).gloss()
                            + " emitted", signed.frame());
                }
                case DELETION -> {
                    TimedWord signed = truth.get(edit.referenceIndex());
                    yield new Edit(signed.gloss() + " signed, no word", signed.frame());
                }
                case INSERTION -> {
                    TimedWord extra = emitted.get(edit.hypothesisIndex());
                    yield new Edit(extra.gloss() + " emitted, nothing signed", extra.frame());
                }
            });
        }
        return edits;
    }

    private static List<String> glosses(List<TimedWord> words) {
        return words.stream().map(TimedWord::gloss).toList();
    }
}
