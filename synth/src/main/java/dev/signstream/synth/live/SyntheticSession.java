package dev.signstream.synth.live;

import dev.signstream.media.RgbFrame;
import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.perform.Choreographer;
import dev.signstream.synth.perform.FrameClock;
import dev.signstream.synth.perform.IdleMotion;
import dev.signstream.synth.perform.Performer;
import dev.signstream.synth.perform.PlacedSign;
import dev.signstream.synth.perform.Timeline;
import dev.signstream.synth.render.SignerRenderer;
import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.Seeds;
import dev.signstream.synth.signer.SignerProfile;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One synthetic camera: renders its signer's script frame by frame, as fast as it is asked, with
 * synthetic capture timestamps and the ground truth of every frame. Signs are planned a few
 * seconds ahead (so a frame's truth already knows where its sign ends) and forgotten a few seconds
 * after, so a session can run for hours in constant memory. One thread at a time; close it to
 * free the canvas.
 */
public final class SyntheticSession implements AutoCloseable {

    /** How far ahead of the current frame signs are planned, seconds. */
    private static final double LOOKAHEAD_SECONDS = 4.0;
    /** How long finished signs are kept, seconds. */
    private static final double HISTORY_SECONDS = 2.0;
    /** Rest before the first sentence and after the last one, seconds. */
    private static final double LEAD_SECONDS = 1.0;

    private final SessionSpec spec;
    private final SignerProfile signer;
    private final Vocabulary vocabulary = Vocabulary.standard();
    private final SignerRenderer renderer;
    private final Timeline timeline;
    private final Choreographer choreographer;
    private final SplittableRandom scriptRandom;
    private final Deque<SentenceSpan> sentences = new ArrayDeque<>();
    private final Pose pose = new Pose();
    private int sentencesPlanned;
    private long wordsPlanned;
    private double nextSentenceStart = LEAD_SECONDS;
    private double plannedUntil;
    private long endFrame = Long.MAX_VALUE;
    private long frame;

    private record SentenceSpan(int index, Sentence sentence, double start, double end) {
        boolean covers(double time) {
            return time >= start && time < end;
        }
    }

    public SyntheticSession(SessionSpec spec) {
        this.spec = spec;
        this.signer = SignerProfile.of(spec.signer());
        SceneVariation scene = SceneVariation.of(signer, Seeds.derive(spec.seed(), 1));
        this.renderer = new SignerRenderer(spec.size(), signer, scene);
        IdleMotion idle = new IdleMotion(Seeds.derive(spec.seed(), 2));
        this.timeline = new Timeline(idle);
        Performer performer = new Performer(signer, scene.speed(), Seeds.derive(spec.seed(), 3));
        this.choreographer = new Choreographer(performer, idle, Seeds.derive(spec.seed(), 4));
        this.scriptRandom = new SplittableRandom(Seeds.derive(spec.seed(), 5));
    }

    public String sessionId() {
        return spec.sessionId();
    }

    public SessionSpec spec() {
        return spec;
    }

    public SignerProfile signer() {
        return signer;
    }

    public int size() {
        return spec.size();
    }

    public double fps() {
        return spec.fps();
    }

    /** Index of the frame the next call renders. */
    public long nextFrame() {
        return frame;
    }

    /** False once a finite script's last frame was rendered; always true for an endless script. */
    public boolean hasNext() {
        plan(FrameClock.timeOf(frame, spec.fps()));
        return frame < endFrame;
    }

    /**
     * Renders the next frame into {@code rgbOut} ({@code size * size * 3} bytes of RGB24) and
     * returns its ground truth.
     *
     * @throws NoSuchElementException after the last frame of a finite script
     */
    public FrameTruth next(byte[] rgbOut) {
        if (!hasNext()) {
            throw new NoSuchElementException("session " + spec.sessionId() + " ended after frame " + (endFrame - 1));
        }
        double time = FrameClock.timeOf(frame, spec.fps());
        timeline.poseAt(time, pose);
        renderer.render(pose, time, frame, rgbOut);
        FrameTruth truth = truthAt(frame, time);
        frame++;
        timeline.discardBefore(time - HISTORY_SECONDS);
        while (!sentences.isEmpty() && sentences.peekFirst().end() < time - HISTORY_SECONDS) {
            sentences.removeFirst();
        }
        return truth;
    }

    /** Like {@link #next(byte[])}, also setting the frame's timestamp to the capture time. */
    public FrameTruth next(RgbFrame into) {
        if (into.width() != spec.size() || into.height() != spec.size()) {
            throw new IllegalArgumentException("session " + spec.sessionId() + " renders " + spec.size() + "x"
                    + spec.size() + ", got a " + into.width() + "x" + into.height() + " frame");
        }
        FrameTruth truth = next(into.pixels());
        into.setTimestampMicros(truth.captureMicros());
        return truth;
    }

    private FrameTruth truthAt(long index, double time) {
        long capture = spec.startEpochMicros() + Math.round(index * 1_000_000.0 / spec.fps());
        boolean last = index == endFrame - 1;
        SentenceSpan span = null;
        for (SentenceSpan s : sentences) {
            if (s.covers(time)) {
                span = s;
                break;
            }
        }
        String sentenceId = span == null ? null : span.sentence().id();
        int sentenceIndex = span == null ? -1 : span.index();
        String text = span == null ? null : span.sentence().text();
        PlacedSign sign = timeline.signAt(time);
        if (sign == null) {
            return new FrameTruth(spec.sessionId(), index, capture, Vocabulary.IDLE, 0, -1, -1, -1,
                    sentenceId, sentenceIndex, text, last);
        }
        return new FrameTruth(spec.sessionId(), index, capture, sign.sign().gloss(), sign.sign().label(), sign.wordIndex(),
                sign.startFrame(spec.fps()), sign.endFrame(spec.fps()), sentenceId, sentenceIndex, text, last);
    }

    /** Plans sentences until {@code time} plus the look-ahead is covered, or the script ends. */
    private void plan(double time) {
        while (endFrame == Long.MAX_VALUE && plannedUntil < time + LOOKAHEAD_SECONDS) {
            Sentence sentence = spec.script().sentence(sentencesPlanned, scriptRandom);
            if (sentence == null) {
                endFrame = FrameClock.firstFrameAtOrAfter(plannedUntil + LEAD_SECONDS, spec.fps());
                return;
            }
            double start = nextSentenceStart;
            double end = choreographer.appendSentence(timeline, sentence, vocabulary, start, wordsPlanned, sentencesPlanned);
            sentences.addLast(new SentenceSpan(sentencesPlanned, sentence, start, end));
            sentencesPlanned++;
            wordsPlanned += sentence.glosses().size();
            plannedUntil = end;
            nextSentenceStart = end + SessionScript.GAP_MIN_SECONDS
                    + scriptRandom.nextDouble() * (SessionScript.GAP_MAX_SECONDS - SessionScript.GAP_MIN_SECONDS);
        }
    }

    @Override
    public void close() {
        renderer.close();
    }
}
