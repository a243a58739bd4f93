package dev.signstream.sink.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signstream.schemas.avro.Sentence;
import java.util.List;

/**
 * A sentence as the HTTP feeds show it (JSON in snake case, like the Avro record).
 *
 * @param sessionId the session
 * @param sentenceIndex 0, 1, 2, ... within the session
 * @param text what to show
 * @param words the glosses
 * @param lexiconMatch id of the matched lexicon sentence, or null
 * @param startTimeUs capture time of the sentence's first frame (epoch micros)
 * @param endTimeUs capture time of its last frame (epoch micros)
 * @param isFinal whether this is the sentence's final version
 * @param modelVersion the model that recognised the words
 */
public record CaptionLine(String sessionId, int sentenceIndex, String text, List<String> words, String lexiconMatch,
                          long startTimeUs, long endTimeUs, @JsonProperty("final") boolean isFinal,
                          String modelVersion) {

    public CaptionLine {
        words = List.copyOf(words);
    }

    /** The line of a sentence record. */
    public static CaptionLine of(Sentence sentence) {
        return new CaptionLine(sentence.getSessionId(), sentence.getSentenceIndex(), sentence.getText(),
                sentence.getWords(), sentence.getLexiconMatch(), sentence.getStartTimeUs(), sentence.getEndTimeUs(),
                sentence.getFinal$(), sentence.getModelVersion());
    }
}
