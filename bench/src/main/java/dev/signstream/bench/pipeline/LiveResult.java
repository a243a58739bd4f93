package dev.signstream.bench.pipeline;

import dev.signstream.bench.measure.Cpu;
import dev.signstream.inference.model.ModelManifest;
import dev.signstream.processor.ProcessorService;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What {@code signstream bench live} measured, as a table and as the JSON line. */
record LiveResult(LiveOptions options, ModelManifest manifest, double seconds, double[] fpsPerSession,
                  double[] sentFpsPerSession, long behindChunks, long dropped, double lateP99Ms,
                  double[] emitLatencyMs, double[] readLatencyMs, int stateBytes, double changelogKbPerSessionSecond,
                  double cpuCores, double registryCores, double meanBatch, double loadBefore, double loadAfter) {

    static LiveResult of(LiveOptions options, ModelManifest manifest, ProcessorService processor,
                         LiveBench.Snapshot first, LiveBench.Snapshot last, List<String> sessionIds,
                         List<WordMeter.Word> words, double loadBefore, double loadAfter) {
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        int chunk = manifest.chunkLength();
        double[] fps = new double[sessionIds.size()];
        double[] sentFps = new double[sessionIds.size()];
        long behind = 0;
        for (int i = 0; i < fps.length; i++) {
            String id = sessionIds.get(i);
            long before = first.appliedSeqs().getOrDefault(id, -1L);
            long after = last.appliedSeqs().getOrDefault(id, -1L);
            fps[i] = (after - before) * chunk / seconds;
            Long sentBefore = first.sent().get(id);
            Long sentAfter = last.sent().get(id);
            sentFps[i] = sentBefore == null ? Double.NaN : (sentAfter - sentBefore) * chunk / seconds;
            if (sentAfter != null) {
                behind += Math.max(0, sentAfter - (after + 1));
            }
        }
        double[] emit = words.stream().mapToDouble(w -> w.emittedMs() - w.capturedMs()).toArray();
        double[] read = words.stream().mapToDouble(w -> w.readMs() - w.capturedMs()).toArray();
        double cores = (last.processCpuNanos() - first.processCpuNanos()) / 1e9 / seconds;
        double registry = (last.registryCpuNanos() - first.registryCpuNanos()) / 1e9 / seconds;
        double kb = (last.changelogBytes() - first.changelogBytes()) / 1000.0 / sessionIds.size() / seconds;
        long calls = last.callsAndSteps()[0] - first.callsAndSteps()[0];
        long steps = last.callsAndSteps()[1] - first.callsAndSteps()[1];
        return new LiveResult(options, manifest, seconds, fps, sentFps, behind, last.dropped(), Double.NaN,
                emit, read, processor.sizing().stateBytes(), kb, cores, registry, calls == 0 ? 0 : (double) steps / calls,
                loadBefore, loadAfter);
    }

    LiveResult withLateP99(double ms) {
        return new LiveResult(options, manifest, seconds, fpsPerSession, sentFpsPerSession, behindChunks, dropped, ms,
                emitLatencyMs, readLatencyMs, stateBytes, changelogKbPerSessionSecond, cpuCores, registryCores, meanBatch,
                loadBefore, loadAfter);
    }

    double fpsMin() {
        return Arrays.stream(fpsPerSession).min().orElse(Double.NaN);
    }

    void print(PrintWriter out) {
        out.println();
        out.println("| sessions | model | fps per session min / median (processed) | sent fps median | chunks behind at end "
                + "| dropped frames | decision_to_word p50 / p99 ms | decision_to_readable p50 / p99 ms | words "
                + "| state bytes | changelog KB per session-s | commit ms | CPU cores (this JVM + registry) | mean batch "
                + "| load before / after |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        out.printf(Locale.ROOT, "| %d | %s %dx%d | %.2f / %.2f | %.2f | %d | %d | %.0f / %.0f | %.0f / %.0f | %d | %,d | %.1f "
                        + "| %d | %.2f + %.2f | %.2f | %.1f / %.1f |%n",
                fpsPerSession.length, manifest.name(), manifest.width(), manifest.height(), fpsMin(),
                Percentiles.of(fpsPerSession, 50), Percentiles.of(sentFpsPerSession, 50), behindChunks, dropped,
                Percentiles.of(emitLatencyMs, 50), Percentiles.of(emitLatencyMs, 99), Percentiles.of(readLatencyMs, 50),
                Percentiles.of(readLatencyMs, 99), emitLatencyMs.length, stateBytes, changelogKbPerSessionSecond,
                options.commitInterval().toMillis(), cpuCores, registryCores, meanBatch, loadBefore, loadAfter);
        out.printf(Locale.ROOT, "(%.1f s measured; latency counts words whose deciding frame was captured in that window; "
                + "%d cores)%n", seconds, Cpu.cores());
        out.println(json());
        out.flush();
    }

    JsonLine json() {
        return new JsonLine()
                .put("mode", "live")
                .put("sessions", fpsPerSession.length)
                .put("fps_per_session_min", fpsMin(), 2)
                .put("fps_per_session_median", Percentiles.of(fpsPerSession, 50), 2)
                .put("dropped", dropped)
                .put("chunks_behind", behindChunks)
                .put("p50_ms", Percentiles.of(emitLatencyMs, 50), 0)
                .put("p99_ms", Percentiles.of(emitLatencyMs, 99), 0)
                .put("readable_p50_ms", Percentiles.of(readLatencyMs, 50), 0)
                .put("readable_p99_ms", Percentiles.of(readLatencyMs, 99), 0)
                .put("words", emitLatencyMs.length)
                .put("processor_over_raw", null)
                .put("changelog_kb_per_session_s", changelogKbPerSessionSecond, 1)
                .put("state_bytes", stateBytes)
                .put("commit_interval_ms", options.commitInterval().toMillis())
                .put("cpu_cores", cpuCores + registryCores, 2)
                .put("machine_cores", Cpu.cores())
                .put("load_before", loadBefore, 2)
                .put("load_after", loadAfter, 2)
                .put("model", manifest.name() + "@" + manifest.version())
                .put("input", manifest.width() + "x" + manifest.height())
                .put("load_generator", options.render() ? "render" : "replay")
                .put("generator_late_p99_ms", lateP99Ms, 1)
                .put("stream_threads", options.streamThreads())
                .put("max_batch", options.maxBatch())
                .put("mean_batch", meanBatch, 2)
                .put("seconds", seconds, 1);
    }
}
