package dev.signstream.eval.replay;

import java.time.Instant;
import java.util.List;

/**
 * The result of a replay evaluation.
 *
 * @param runId     id of this run (part of every isolated topic and application id)
 * @param startedAt when it started
 * @param recording what the replayed range holds
 * @param models    one result per model, in the order given
 */
public record ReplayReport(String runId, Instant startedAt, Recording recording, List<ModelResult> models) {

    public ReplayReport {
        models = List.copyOf(models);
    }
}
