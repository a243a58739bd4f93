package dev.signstream.sink.sentence;

import dev.signstream.schemas.StateSerde;
import dev.signstream.schemas.Topics;
import dev.signstream.sink.lexicon.Lexicon;
import dev.signstream.sink.sentence.avro.SessionSentenceState;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The sink's one topology: {@code words} (key = session id) → sentence builder (store
 * {@value #STORE}) → {@code sentences} (key = session id). Main, the demo and the tests all build
 * it here. Every node and the store are named, so the changelog topic is
 * {@code <application.id>-sentence-state-changelog}. Keys are session ids with the serde of the
 * topic registry; the store's values are single-object encoded ({@link StateSerde}).
 */
public final class SentenceTopology {

    /** Name of the sentence state store. */
    public static final String STORE = "sentence-state";
    static final String SOURCE = "words";
    static final String BUILDER = "sentence-builder";
    static final String SINK = "sentences";

    private SentenceTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param topics the topic registry (words in, sentences out)
     * @param settings how sentences are cut
     * @param lexicon known sentences
     * @param metrics where counts go
     */
    public static Topology build(Topics topics, SentenceSettings settings, Lexicon lexicon, SentenceMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), SOURCE, new WordEventTimestamps(),
                topics.words().keySerde().deserializer(), topics.words().valueSerde().deserializer(), topics.words().name());
        topology.addProcessor(BUILDER, () -> new SentenceBuilder(settings, lexicon, metrics), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                topics.words().keySerde(), StateSerde.of(SessionSentenceState.class)), BUILDER);
        topology.addSink(SINK, topics.sentences().name(), topics.sentences().keySerde().serializer(),
                topics.sentences().valueSerde().serializer(), BUILDER);
        return topology;
    }
}
