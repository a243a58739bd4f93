package dev.signstream.eval.replay;

import dev.signstream.inference.model.ModelManifest;
import dev.signstream.schemas.avro.WordEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one model's replay produced.
 *
 * @param modelDir          the model folder
 * @param manifest          the model's manifest
 * @param applicationId     the isolated Streams application id it ran under
 * @param wordsTopic        the isolated topic its words went to
 * @param words             word events per session, by word index
 * @param ended             sessions the processor ended (a SESSION_END event)
 * @param duplicateWords    word events repeating a word index (none under exactly-once)
 * @param deadLetters       records of the range the processor refused
 * @param startupSeconds    from starting the processor (model load included) until Streams ran
 * @param processingSeconds from Streams running until the last event was emitted
 * @param totalSeconds      from starting the processor until every word was collected
 * @param onnxCalls         ONNX calls the replay made
 * @param steps             session steps in those calls (steps / calls = mean batch)
 */
public record ModelRun(Path modelDir, ModelManifest manifest, String applicationId, String wordsTopic,
                       Map<String, TreeMap<Integer, WordEvent>> words, Set<String> ended, long duplicateWords,
                       List<DeadLetterSummary> deadLetters, double startupSeconds, double processingSeconds,
                       double totalSeconds, long onnxCalls, long steps) {

    public ModelRun {
        words = Map.copyOf(words);
        ended = Set.copyOf(ended);
        deadLetters = List.copyOf(deadLetters);
    }
}
