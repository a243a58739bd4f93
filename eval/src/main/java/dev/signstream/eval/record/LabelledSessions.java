package dev.signstream.eval.record;

import dev.signstream.eval.offline.Corpus;
import dev.signstream.eval.offline.CorpusClip;
import dev.signstream.synth.lexicon.Sentences;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds the sessions of a recording: corpus clips or synthetic signers. */
public final class LabelledSessions {

    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._:@+-]");

    private LabelledSessions() {
    }

    /**
     * Every clip of one corpus split (isolated signs, idle clips and sentences) as its own session,
     * named {@code PREFIX:PATH} where PATH is the clip's file without its extension, {@code /} made
     * {@code :} and other characters outside letters, digits and {@code ._:@+-} made {@code _}.
     *
     * @param size edge of the recorded frames (the clips are scaled to it)
     * @throws IllegalArgumentException when the split has no clips or two clips get the same id
     */
    public static List<LabelledSession> corpus(Corpus corpus, String split, int size, String prefix) {
        List<CorpusClip> clips = corpus.split(split);
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("the corpus at " + corpus.root() + " has no clips in split '" + split + "'");
        }
        ManifestExtras extras = ManifestExtras.read(corpus.root());
        List<LabelledSession> sessions = new ArrayList<>(clips.size());
        Set<String> ids = new HashSet<>();
        for (CorpusClip clip : clips) {
            String id = sessionId(prefix, clip.file());
            if (!ids.add(id)) {
                throw new IllegalArgumentException("two clips would both be session " + id + "; rename one of them");
            }
            sessions.add(new CorpusClipSession(id, corpus.fileOf(clip), clip, extras.sentenceOf(clip.file()).orElse(null),
                    size));
        }
        return sessions;
    }

    /** Sentences each synthetic signer of a recording signs: a few, so a session holds sentence breaks. */
    public static final int DEFAULT_SENTENCES = 3;

    /**
     * {@code count} synthetic signers (people no model was trained on), each signing {@code sentences}
     * sentences of the shipped list, as sessions {@code PREFIX-0000, PREFIX-0001, ...}.
     */
    public static List<LabelledSession> synthetic(int count, int sentences, long seed, int size, double fps,
                                                  String prefix) {
        return synthetic(count, sentences, seed, size, fps, prefix, Sentences.standard());
    }

    /** Like {@link #synthetic(int, int, long, int, double, String)}, with sentences drawn from {@code pool}. */
    public static List<LabelledSession> synthetic(int count, int sentences, long seed, int size, double fps,
                                                  String prefix, Sentences pool) {
        return SyntheticLabelledSession.fleet(prefix, count, sentences, seed, size, fps, pool);
    }

    static String sessionId(String prefix, String file) {
        String path = file.replace('\\', '/');
        int dot = path.lastIndexOf('.');
        if (dot > path.lastIndexOf('/')) {
            path = path.substring(0, dot);
        }
        return prefix + ":" + UNSAFE.matcher(path.replace('/', ':')).replaceAll("_");
    }

    /** A default session prefix: {@code rec-} and the recording's start time, e.g. {@code rec-20250601-120000}. */
    public static String defaultPrefix(Instant now) {
        return "rec-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(now);
    }
}
