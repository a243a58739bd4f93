package dev.signstream.eval.record;

import dev.signstream.eval.offline.CorpusClip;
import dev.signstream.media.RgbFrame;
import dev.signstream.media.VideoReader;
import dev.signstream.producer.pipeline.TruthHeaders;
import dev.signstream.synth.live.FrameTruth;
import java.nio.file.Path;
import java.util.List;

/**
 * One corpus clip as a session. Frames are decoded at the recording size exactly as the offline
 * evaluation decodes them (FFmpeg scaling in {@link VideoReader}); each frame's truth comes from the
 * manifest's sign ranges: inside a range it is that sign, outside it the idle label, and for a
 * sentence clip every frame from its first sign's start to its last sign's end belongs to the
 * sentence (the producer's rule for synthetic sessions).
 */
final class CorpusClipSession implements LabelledSession {

    private static final String IDLE = "<idle>";

    private final String sessionId;
    private final Path file;
    private final CorpusClip clip;
    private final ManifestExtras.Sentence sentence;
    private final int size;

    /**
     * @param sentence the clip's sentence id and text (sentence clips only), else null
     * @param size     edge of the recorded frames
     */
    CorpusClipSession(String sessionId, Path file, CorpusClip clip, ManifestExtras.Sentence sentence, int size) {
        this.sessionId = sessionId;
        this.file = file;
        this.clip = clip;
        this.sentence = sentence;
        this.size = size;
        if (clip.kind() == CorpusClip.Kind.SENTENCE && sentence == null) {
            throw new IllegalArgumentException("sentence clip " + clip.file() + " has no sentence_id in the manifest");
        }
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public double fps() {
        return clip.fps();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String source() {
        return "corpus:" + clip.file();
    }

    CorpusClip clip() {
        return clip;
    }

    @Override
    public TruthHeaders truthHeaders(long startMicros) {
        return new TruthHeaders(startMicros, clip.fps(), id -> {
            if (sentence == null || !sentence.id().equals(id)) {
                throw new IllegalStateException("clip " + clip.file() + " knows no sentence '" + id + "'");
            }
            return clip.glosses();
        });
    }

    @Override
    public void play(long startMicros, FrameConsumer consumer) throws InterruptedException {
        // Hold one frame back so the final one is known when it is handed on.
        RgbFrame current = new RgbFrame(size, size);
        RgbFrame next = new RgbFrame(size, size);
        int index = 0;
        try (VideoReader reader = VideoReader.open(file, size, size)) {
            boolean have = reader.read(current);
            while (have) {
                boolean more = reader.read(next);
                consumer.accept(current.pixels(), truthOf(index, startMicros, !more));
                index++;
                RgbFrame swap = current;
                current = next;
                next = swap;
                have = more;
            }
        }
        if (index != clip.frames()) {
            throw new IllegalStateException(file + " decodes to " + index + " frames, the manifest says " + clip.frames());
        }
    }

    private FrameTruth truthOf(int frame, long startMicros, boolean last) {
        long capture = startMicros + Math.round(frame * 1_000_000.0 / clip.fps());
        List<CorpusClip.SignSpan> signs = clip.signs();
        boolean inSentence = sentence != null && !signs.isEmpty()
                && frame >= signs.get(0).start() && frame < signs.get(signs.size() - 1).end();
        String sentenceId = inSentence ? sentence.id() : null;
        int sentenceIndex = inSentence ? 0 : -1;
        String text = inSentence ? sentence.text() : null;
        for (int w = 0; w < signs.size(); w++) {
            CorpusClip.SignSpan sign = signs.get(w);
            if (frame >= sign.start() && frame < sign.end()) {
                return new FrameTruth(sessionId, frame, capture, sign.gloss(), sign.label(), w, sign.start(), sign.end(),
                        sentenceId, sentenceIndex, text, last);
            }
        }
        return new FrameTruth(sessionId, frame, capture, IDLE, 0, -1, -1, -1, sentenceId, sentenceIndex, text, last);
    }
}
