package dev.signstream.schemas;

import dev.signstream.schemas.avro.DeadLetter;
import dev.signstream.schemas.avro.FrameChunk;
import dev.signstream.schemas.avro.Sentence;
import dev.signstream.schemas.avro.WordEvent;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic registry: every topic SignStream reads or writes, with its serdes. Keys are session
 * ids (UTF-8 strings); values are Avro records in the Confluent wire format.
 *
 * @param names the topic names
 * @param frames frame chunks, key = session id
 * @param words word events, key = session id
 * @param sentences sentences, key = session id
 * @param deadLetters dead letters, key = the original key when readable
 */
public record Topics(
        TopicNames names,
        Topic<String, FrameChunk> frames,
        Topic<String, WordEvent> words,
        Topic<String, Sentence> sentences,
        Topic<String, DeadLetter> deadLetters) {

    /** Builds the registry from the names and a serde factory bound to a registry. */
    public static Topics create(TopicNames names, AvroSerdes serdes) {
        return new Topics(names,
                new Topic<>(names.frames(), Serdes.String(), serdes.valueSerde(FrameChunk.class)),
                new Topic<>(names.words(), Serdes.String(), serdes.valueSerde(WordEvent.class)),
                new Topic<>(names.sentences(), Serdes.String(), serdes.valueSerde(Sentence.class)),
                new Topic<>(names.deadLetters(), Serdes.String(), serdes.valueSerde(DeadLetter.class)));
    }
}
