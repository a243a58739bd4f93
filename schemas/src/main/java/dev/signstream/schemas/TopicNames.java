package dev.signstream.schemas;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Names of SignStream's topics.
 *
 * @param frames frame chunks from the cameras
 * @param words word events from the processor
 * @param sentences sentences from the sink
 * @param deadLetters records that could not be processed, with the reason
 */
public record TopicNames(String frames, String words, String sentences, String deadLetters) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** The prefix of SignStream's topics unless one is given. */
    public static final String DEFAULT_PREFIX = "signstream.";

    public TopicNames {
        for (String name : List.of(frames, words, sentences, deadLetters)) {
            if (name == null || !LEGAL.matcher(name).matches()) {
                throw new IllegalArgumentException("not a legal Kafka topic name: '" + name + "'");
            }
        }
    }

    /** {@code signstream.frames}, {@code signstream.words}, {@code signstream.sentences}, {@code signstream.dlq}. */
    public static TopicNames defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    /** The default names under another prefix, e.g. {@code staging.} or {@code eval-42.}. */
    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(prefix + "frames", prefix + "words", prefix + "sentences", prefix + "dlq");
    }

    /** The same names with another frames topic (e.g. a recording to replay). */
    public TopicNames withFrames(String framesTopic) {
        return new TopicNames(framesTopic, words, sentences, deadLetters);
    }

    /** All names. */
    public List<String> all() {
        return List.of(frames, words, sentences, deadLetters);
    }
}
