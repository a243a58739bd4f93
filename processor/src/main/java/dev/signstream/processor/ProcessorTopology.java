package dev.signstream.processor;

import dev.signstream.processor.avro.SessionActivity;
import dev.signstream.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's one topology: frames -> session inference (with its stores) -> words. Keys are
 * session ids, with the key serde of the topic registry, in the topics and in both stores.
 */
public final class ProcessorTopology {

    /** Session id -> the model and decoder state (persistent, changelogged). */
    public static final String STATE_STORE = "session-state";
    /** Session id -> last seq, times and the end marker (persistent, changelogged). */
    public static final String ACTIVITY_STORE = "session-activity";
    static final String SOURCE = "frames";
    static final String PROCESSOR = "session-inference";
    static final String WORDS_SINK = "words";

    private ProcessorTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param topics the topic registry
     * @param inference the shared model, batcher and codec
     * @param rules how sessions are kept and ended
     * @param framesPartitions partitions of the frames topic, against which each key's partition is
     *     checked (0 turns the check off)
     */
    public static Topology build(Topics topics, SessionInference inference, SessionRules rules,
                                 int framesPartitions) {
        Serde<String> sessionIds = topics.frames().keySerde();
        StateSizing sizing = StateSizing.forState(inference.stateBytes());
        // the model state is the inference runtime's own compact encoding (StateCodec), stored as is
        StoreBuilder<KeyValueStore<String, byte[]>> states = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STATE_STORE), sessionIds, Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of("max.message.bytes", String.valueOf(sizing.changelogMaxMessageBytes())));
        StoreBuilder<KeyValueStore<String, SessionActivity>> activity = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ACTIVITY_STORE), sessionIds, ActivitySerde.create())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());

        Topology topology = new Topology();
        topology.addSource(SOURCE, sessionIds.deserializer(), topics.frames().valueSerde().deserializer(),
                topics.frames().name());
        topology.addProcessor(PROCESSOR, () -> new SessionInferenceProcessor(inference, rules,
                new PartitionCheck(topics.frames().name(), framesPartitions)), SOURCE);
        topology.addStateStore(states, PROCESSOR);
        topology.addStateStore(activity, PROCESSOR);
        topology.addSink(WORDS_SINK, topics.words().name(), topics.words().keySerde().serializer(),
                topics.words().valueSerde().serializer(), PROCESSOR);
        return topology;
    }
}
