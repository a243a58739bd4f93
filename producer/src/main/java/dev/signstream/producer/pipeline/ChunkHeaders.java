package dev.signstream.producer.pipeline;

/**
 * Names of the record headers the producer writes on frame chunks. Values are UTF-8 text; the
 * formats are described in docs/producer.md. Ground truth travels only here, never in the value,
 * so a model under test cannot see it.
 */
public final class ChunkHeaders {

    /** Class id of every frame, comma-separated, in frame order ({@code 0} = idle/rest). */
    public static final String TRUTH_LABELS = "signstream.truth.labels";
    /** JSON array: every sign with a frame in this chunk, its whole extent and its frames here. */
    public static final String TRUTH_SIGNS = "signstream.truth.signs";
    /**
     * Glosses of the signs that first appear in this chunk, space-separated: concatenated over a
     * session in {@code seq} order they give the session's gloss sequence.
     */
    public static final String TRUTH_GLOSSES = "signstream.truth.glosses";
    /** Ids of the sentences with a frame in this chunk, comma-separated, in order. */
    public static final String TRUTH_SENTENCE_ID = "signstream.truth.sentence-id";
    /** JSON array: those sentences with their index in the session, text and glosses. */
    public static final String TRUTH_SENTENCES = "signstream.truth.sentences";
    /** Frames the producer dropped (queue full) since the previous chunk; only present when above 0. */
    public static final String DROPPED = "signstream.producer.dropped";

    private ChunkHeaders() {
    }
}
