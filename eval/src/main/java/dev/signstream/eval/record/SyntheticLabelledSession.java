package dev.signstream.eval.record;

import dev.signstream.producer.pipeline.TruthHeaders;
import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.live.FrameTruth;
import dev.signstream.synth.live.SessionFleet;
import dev.signstream.synth.live.SessionScript;
import dev.signstream.synth.live.SessionSpec;
import dev.signstream.synth.live.SyntheticSession;
import dev.signstream.synth.signer.SignerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic signer performing a fixed list of sentences, rendered as fast as the recorder takes
 * the frames (not in real time). The truth is the renderer's own, as in {@code produce --source synthetic}.
 */
final class SyntheticLabelledSession implements LabelledSession {

    private final String sessionId;
    private final SignerIdentity signer;
    private final List<Sentence> script;
    private final Sentences pool;
    private final int size;
    private final double fps;
    private final long seed;

    private SyntheticLabelledSession(String sessionId, SignerIdentity signer, List<Sentence> script, Sentences pool,
                                     int size, double fps, long seed) {
        this.sessionId = sessionId;
        this.signer = signer;
        this.script = List.copyOf(script);
        this.pool = pool;
        this.size = size;
        this.fps = fps;
        this.seed = seed;
    }

    /**
     * {@code count} sessions named {@code prefix-0000 ...}, each with its own unseen signer and
     * {@code sentences} sentences drawn from {@code pool}.
     */
    static List<LabelledSession> fleet(String prefix, int count, int sentences, long seed, int size, double fps,
                                       Sentences pool) {
        if (count < 1) {
            throw new IllegalArgumentException("synthetic sessions must be at least 1, got " + count);
        }
        if (sentences < 1) {
            throw new IllegalArgumentException("sentences per synthetic session must be at least 1, got " + sentences);
        }
        // The fleet builder gives each session its signer and seed; the script is drawn per session.
        List<SessionSpec> specs = SessionFleet.of(count, prefix,
                SessionScript.endless(pool), size, fps, seed, 0);
        List<LabelledSession> sessions = new ArrayList<>(count);
        for (SessionSpec spec : specs) {
            SplittableRandom random = new SplittableRandom(spec.seed());
            List<Sentence> script = new ArrayList<>(sentences);
            for (int i = 0; i < sentences; i++) {
                script.add(pool.all().get(random.nextInt(pool.size())));
            }
            sessions.add(new SyntheticLabelledSession(spec.sessionId(), spec.signer(), script, pool, size, fps,
                    spec.seed()));
        }
        return sessions;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String source() {
        return "synthetic";
    }

    @Override
    public TruthHeaders truthHeaders(long startMicros) {
        return new TruthHeaders(startMicros, fps, id -> pool.byId(id).glosses());
    }

    @Override
    public void play(long startMicros, FrameConsumer consumer) throws InterruptedException {
        SessionSpec spec = new SessionSpec(sessionId, signer, SessionScript.of(script), size, fps, seed, startMicros);
        byte[] rgb = new byte[size * size * 3];
        try (SyntheticSession session = new SyntheticSession(spec)) {
            FrameTruth truth = null;
            while (session.hasNext()) {
                truth = session.next(rgb);
                consumer.accept(rgb, truth);
            }
            if (truth == null || !truth.last()) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "synthetic session %s ended without a final frame", sessionId));
            }
        }
    }
}
