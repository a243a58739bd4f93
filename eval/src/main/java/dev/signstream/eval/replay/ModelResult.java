package dev.signstream.eval.replay;

import dev.signstream.eval.scoring.ScoreSummary;
import dev.signstream.eval.scoring.SessionScore;
import java.nio.file.Path;
import java.util.List;

/**
 * One model's result on a replayed range.
 *
 * @param model             model name
 * @param version           model version
 * @param modelDir          its folder
 * @param applicationId     the isolated application id the replay ran under
 * @param score             accuracy over the scored sessions
 * @param sessions          per scored session, how it was recognised
 * @param notEnded          scored sessions the processor never ended (their last chunk was refused):
 *                          left out of the score
 * @param deadLetters       records of the range the processor refused
 * @param duplicateWords    word events repeating a word index (exactly-once says none)
 * @param wordsOutsideRange word events of sessions the range does not hold (records written after the
 *                          range was fixed)
 * @param throughput        speed
 */
public record ModelResult(String model, String version, Path modelDir, String applicationId, ScoreSummary score,
                          List<SessionScore> sessions, List<String> notEnded, List<DeadLetterSummary> deadLetters,
                          long duplicateWords, long wordsOutsideRange, Throughput throughput) {

    public ModelResult {
        sessions = List.copyOf(sessions);
        notEnded = List.copyOf(notEnded);
        deadLetters = List.copyOf(deadLetters);
    }
}
