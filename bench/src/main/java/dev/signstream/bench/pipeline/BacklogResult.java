package dev.signstream.bench.pipeline;

import dev.signstream.bench.measure.Cpu;
import dev.signstream.inference.model.ModelManifest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What {@code signstream bench backlog} measured, as tables and as the JSON line. */
record BacklogResult(BacklogOptions options, ModelManifest manifest, int chunks, long frames,
                     List<BacklogBench.Row> rows, BacklogBench.Row best, BacklogBench.Duplicates duplicates,
                     double loadBefore, double loadAfter) {

    private double sessionSeconds() {
        return (double) frames / manifest.fps();
    }

    void print(PrintWriter out) {
        out.println();
        out.println("| stream threads x max batch | processor frames/s (through Kafka) | raw ORT frames/s (1 caller) "
                + "| **processor / raw** | raw ORT, one caller per stream thread | processor / that | mean batch "
                + "| CPU cores (this JVM) | applied chunk ms (in process()) | changelog KB per session-s of video | load after |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (BacklogBench.Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %.0f | %.0f | **%.2f** | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f |%n",
                    r.config(), r.framesPerSecond(), r.rawFramesPerSecond(), r.ratio(), r.rawParallelFramesPerSecond(),
                    r.framesPerSecond() / r.rawParallelFramesPerSecond(), r.meanBatch(), r.cpuCores(), r.appliedMeanMs(),
                    r.changelogBytes() / 1000.0 / sessionSeconds(), r.loadAfter());
        }
        out.printf(Locale.ROOT, "(%,d frames in %d chunks; each configuration timed from RUNNING until every chunk was "
                + "applied; raw ONNX Runtime with 1 intra-op thread, the same batch, %.0f s, right after it)%n",
                frames, chunks, options.rawSeconds());
        if (duplicates != null) {
            out.println();
            out.println("| the backlog again, every chunk a duplicate (processor " + best.config() + " restarted) "
                    + "| chunks | CPU ms per chunk: duplicate / applied | **duplicate / applied (CPU)** "
                    + "| wall ms per chunk: duplicate / applied | in process(): duplicate / applied ms |");
            out.println("|---|---|---|---|---|---|");
            out.printf(Locale.ROOT, "| through Kafka, this JVM | %d | %.3f / %.3f | **%.3f** | %.3f / %.3f | %.4f / %.3f |%n",
                    duplicates.chunks(), 1000 * duplicates.cpuSeconds() / duplicates.chunks(),
                    1000 * duplicates.appliedCpuSeconds() / duplicates.chunks(), duplicates.costRatio(),
                    1000 * duplicates.seconds() / duplicates.chunks(),
                    1000 * duplicates.appliedSeconds() / duplicates.chunks(),
                    duplicates.duplicateMeanMs(), duplicates.appliedMeanMs());
        }
        out.println(json());
        out.flush();
    }

    JsonLine json() {
        return new JsonLine()
                .put("mode", "backlog")
                .put("sessions", options.sessions())
                .put("fps_per_session_min", null)
                .put("dropped", null)
                .put("p50_ms", null)
                .put("p99_ms", null)
                .put("processor_over_raw", best.ratio(), 3)
                .put("processor_over_raw_per_caller", best.framesPerSecond() / best.rawParallelFramesPerSecond(), 3)
                .put("best_config", best.config().toString())
                .put("processor_fps", best.framesPerSecond(), 0)
                .put("raw_fps", best.rawFramesPerSecond(), 0)
                .put("changelog_kb_per_session_s", best.changelogBytes() / 1000.0 / sessionSeconds(), 1)
                .put("duplicate_over_applied", duplicates == null ? Double.NaN : duplicates.costRatio(), 4)
                .put("duplicate_over_applied_wall", duplicates == null ? Double.NaN : duplicates.wallRatio(), 4)
                .put("duplicate_over_applied_in_process",
                        duplicates == null ? Double.NaN : duplicates.processCostRatio(), 4)
                .put("cpu_cores", best.cpuCores(), 2)
                .put("machine_cores", Cpu.cores())
                .put("load_before", loadBefore, 2)
                .put("load_after", loadAfter, 2)
                .put("encoding", options.encoding().toString())
                .put("frames", frames)
                .put("commit_interval_ms", options.commitInterval().toMillis())
                .put("model", manifest.name() + "@" + manifest.version())
                .put("input", manifest.width() + "x" + manifest.height());
    }
}
