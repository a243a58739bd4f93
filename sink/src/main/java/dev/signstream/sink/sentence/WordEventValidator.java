package dev.signstream.sink.sentence;

import dev.signstream.schemas.avro.WordEvent;
import dev.signstream.schemas.avro.WordEventType;
import dev.signstream.service.RejectedRecordException;

/** Refuses word events the sentence builder cannot use; they go to the dead-letter topic. */
final class WordEventValidator {

    /** Stage name in the dead letters. */
    static final String STAGE = "validate";

    private WordEventValidator() {
    }

    /** @throws RejectedRecordException naming the offending field */
    static void check(String key, WordEvent word) {
        if (key == null) {
            throw reject("word event without a key (the session id)");
        }
        if (word == null) {
            throw reject("null word event (a tombstone) for session '" + key + "'");
        }
        if (!key.equals(word.getSessionId())) {
            throw reject("key '" + key + "' differs from session_id '" + word.getSessionId() + "'");
        }
        if (word.getType() == WordEventType.SESSION_END) {
            return;
        }
        if (word.getType() != WordEventType.WORD) {
            throw reject("word event of type " + word.getType() + " for session '" + key
                    + "' (written with a newer schema?)");
        }
        if (word.getWordIndex() < 0) {
            throw reject("word_index " + word.getWordIndex() + " < 0 for session '" + key + "'");
        }
        if (word.getGloss() == null || word.getGloss().isBlank()) {
            throw reject("blank gloss in word " + word.getWordIndex() + " of session '" + key + "'");
        }
        if (word.getFirstFrameTimeUs() <= 0 || word.getLastFrameTimeUs() < word.getFirstFrameTimeUs()) {
            throw reject("word " + word.getWordIndex() + " of session '" + key + "' has frame times "
                    + word.getFirstFrameTimeUs() + ".." + word.getLastFrameTimeUs()
                    + " (need 0 < first_frame_time_us <= last_frame_time_us)");
        }
    }

    private static RejectedRecordException reject(String message) {
        return new RejectedRecordException(STAGE, message);
    }
}
