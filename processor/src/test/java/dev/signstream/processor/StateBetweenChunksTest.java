package dev.signstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.inference.engine.StreamModel;
import dev.signstream.processor.SyntheticChunks.RenderedSession;
import dev.signstream.schemas.avro.FrameEncoding;
import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.synth.lexicon.Sentences;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session's model state between chunks, through the real topology on an in-memory registry:
 * kept decoded in memory or decoded from the store, the words are the same; a stored state another
 * model version wrote is refused.
 */
class StateBetweenChunksTest {

    private static StreamModel model;
    private static RenderedSession session;

    @BeforeAll
    static void loadModelAndRenderASession() {
        model = ProcessorFixture.load(ProcessorFixture.RANDOM_MODEL);
        session = SyntheticChunks.testSession("state-0", 0, List.of(Sentences.standard().all().get(0).id()), 64, 8,
                FrameEncoding.JPEG);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void aSessionKeptDecodedGivesExactlyTheWordsOfOneRestoredFromTheStoreAtEveryChunk() throws Exception {
        // Given the same session through a processor that restores it from the store at every chunk
        List<WordEvent> restoredEveryChunk;
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults(), 0)) {
            restoredEveryChunk = d.run(session.chunks());
            assertThat(d.counts().stateReads("memory")).isZero();
            assertThat(d.counts().stateReads("store")).isEqualTo(session.chunks().size() - 1);
        }
        // When one keeps it decoded between chunks
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults())) {
            List<WordEvent> kept = d.run(session.chunks());

            // Then it never reads the store, and every word, confidence and time is the same
            assertThat(d.counts().stateReads("memory")).isEqualTo(session.chunks().size() - 1);
            assertThat(d.counts().stateReads("store")).isZero();
            assertThat(exactly(kept)).isEqualTo(exactly(restoredEveryChunk)).isNotEmpty();
            assertThat(d.inference().memory().used()).as("the ended session left memory").isZero();
        }
    }

    @Test
    void stateFromAnotherModelVersionIsRefusedAndTheSessionStartsFresh() throws Exception {
        // no session kept decoded: the foreign state written into the store below is what the next
        // chunk reads (as after a restore from the changelog, which starts a task with none kept)
        try (ProcessorFixture.Driver d = ProcessorFixture.driver(model, SessionRules.defaults(), 0)) {
            d.run(session.chunks().subList(0, 3));
            byte[] stored = d.states().get(session.sessionId());
            d.states().put(session.sessionId(), withOtherModelVersion(stored, model.manifest().version()));

            d.run(session.chunks().subList(3, 5));

            assertThat(d.counts().statesRefused()).isEqualTo(1.0);
            assertThat(d.counts().chunks("applied")).isEqualTo(5.0);
            assertThat(model.stateCodec().decode(d.states().get(session.sessionId())).restored()).isTrue();
        }
    }

    /**
     * The same state as if another model version had written it: the codec records the version as
     * 8 bytes (the 16 hex digits) after its 4-byte magic and format byte.
     */
    private static byte[] withOtherModelVersion(byte[] stored, String version) {
        byte[] copy = stored.clone();
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(copy, 5, 13))).isEqualTo(version);
        copy[5] ^= 0x01;
        return copy;
    }

    /** Everything a word event says about the model's output, for exact comparison. */
    private static List<String> exactly(List<WordEvent> events) {
        return events.stream().map(e -> e.getType() + ":" + e.getGloss() + ":" + e.getWordIndex() + ":"
                + e.getConfidence() + ":" + e.getLastFrameTimeUs() + ":" + e.getTopK()).toList();
    }
}
