package dev.signstream.synth.corpus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one split of a corpus: renders and encodes its clips on several threads, then writes
 * {@code labels.json} and merges the split's lines into {@code manifest.jsonl} (other splits'
 * lines are kept; lines are ordered train, val, test, then by plan order), so the corpus is the
 * same whichever order the splits are written in.
 */
public final class CorpusWriter {

    public static final String LABELS = "labels.json";
    public static final String MANIFEST = "manifest.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(CorpusWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vocabulary vocabulary;
    private final ClipPlanner planner;

    public CorpusWriter(Vocabulary vocabulary, Sentences sentences) {
        this.vocabulary = vocabulary;
        this.planner = new ClipPlanner(vocabulary, sentences);
    }

    /**
     * Writes the split described by {@code spec}.
     *
     * @throws IllegalStateException if the split folder exists and {@code overwrite} is off, if the
     *                               labels of an existing corpus differ, or if file names cannot hold Korean
     * @throws CorpusException       if a clip cannot be rendered or written (names the clip)
     */
    public CorpusSummary write(CorpusSpec spec, CorpusProgress progress) {
        long started = System.nanoTime();
        requireUnicodeFileNames();
        Path root = spec.out().toAbsolutePath();
        Path splitDir = root.resolve(spec.split().key());
        try {
            Files.createDirectories(root);
            writeOrCheckLabels(root.resolve(LABELS));
            prepareSplitFolder(splitDir, spec.overwrite());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare corpus folder " + root + ": " + e.getMessage(), e);
        }
        List<ClipPlan> plans = planner.plan(spec);
        LOG.info("writing {} clips of split {} to {} on {} threads", plans.size(), spec.split().key(), root, spec.threads());
        List<ClipResult> results = renderAll(root, plans, spec.threads(), progress);
        List<String> lines = new ArrayList<>(results.size());
        long frames = 0;
        long bytes = 0;
        for (ClipResult result : results) {
            lines.add(toJson(result.entry()));
            frames += result.entry().frames();
            bytes += result.bytes();
        }
        mergeManifest(root.resolve(MANIFEST), spec.split(), lines);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("split {}: {} clips, {} frames, {} bytes in {} s", spec.split().key(), results.size(), frames, bytes,
                String.format(java.util.Locale.ROOT, "%.1f", seconds));
        return new CorpusSummary(root, results.size(), frames, bytes, seconds);
    }

    private record ClipResult(ManifestEntry entry, long bytes) {
    }

    private List<ClipResult> renderAll(Path root, List<ClipPlan> plans, int threads, CorpusProgress progress) {
        for (ClipPlan plan : plans) {
            Path folder = root.resolve(plan.file()).getParent();
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "corpus-writer");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        try {
            List<Future<ClipResult>> futures = new ArrayList<>(plans.size());
            for (ClipPlan plan : plans) {
                futures.add(pool.submit(() -> {
                    Path file = root.resolve(plan.file());
                    ClipRenderer.renderToMp4(plan, file);
                    ClipResult result = new ClipResult(ManifestEntry.of(plan), Files.size(file));
                    synchronized (progressLock) {
                        progress.clipDone(done.incrementAndGet(), plans.size());
                    }
                    return result;
                }));
            }
            List<ClipResult> results = new ArrayList<>(plans.size());
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), plans.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ClipResult await(Future<ClipResult> future, ClipPlan plan) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorpusException("interrupted while writing " + plan.file(), e);
        } catch (ExecutionException e) {
            throw new CorpusException("writing clip " + plan.file() + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Java 17 encodes file names with the locale's charset: under LANG=C a Korean gloss folder cannot exist. */
    private static void requireUnicodeFileNames() {
        try {
            Path.of(Vocabulary.standard().signs().get(0).gloss());
        } catch (InvalidPathException e) {
            throw new IllegalStateException("this JVM cannot use Korean file names (sun.jnu.encoding="
                    + System.getProperty("sun.jnu.encoding") + "); run with a UTF-8 locale, e.g. LANG=C.UTF-8", e);
        }
    }

    private void writeOrCheckLabels(Path file) throws IOException {
        List<String> labels = vocabulary.labels();
        if (Files.exists(file)) {
            List<String> existing;
            try {
                existing = JSON.readValue(file.toFile(), new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new IllegalStateException("existing " + file + " is not a JSON array of labels: " + e.getMessage(), e);
            }
            if (!existing.equals(labels)) {
                throw new IllegalStateException("existing " + file + " has different labels than this vocabulary; "
                        + "write the corpus into a new folder");
            }
            return;
        }
        writeAtomically(file, JSON.writeValueAsString(labels) + "\n");
    }

    private static void prepareSplitFolder(Path splitDir, boolean overwrite) throws IOException {
        if (!Files.exists(splitDir)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(splitDir)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!overwrite) {
            throw new IllegalStateException(splitDir + " already holds clips; it is replaced only if overwriting is asked for");
        }
        LOG.info("deleting the previous {}", splitDir);
        try (Stream<Path> walk = Files.walk(splitDir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String toJson(ManifestEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the manifest line of " + entry.file(), e);
        }
    }

    /** Replaces this split's lines, keeps the others, orders splits train, val, test. */
    private static void mergeManifest(Path file, SignerPool split, List<String> splitLines) {
        List<List<String>> bySplit = new ArrayList<>();
        for (int i = 0; i < SignerPool.values().length; i++) {
            bySplit.add(new ArrayList<>());
        }
        try {
            if (Files.exists(file)) {
                List<String> existing = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < existing.size(); i++) {
                    String line = existing.get(i);
                    if (line.isBlank()) {
                        continue;
                    }
                    SignerPool lineSplit = splitOf(line, file, i + 1);
                    if (lineSplit != split) {
                        bySplit.get(lineSplit.ordinal()).add(line);
                    }
                }
            }
            bySplit.get(split.ordinal()).addAll(splitLines);
            StringBuilder text = new StringBuilder();
            for (List<String> lines : bySplit) {
                for (String line : lines) {
                    text.append(line).append('\n');
                }
            }
            writeAtomically(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    private static SignerPool splitOf(String line, Path file, int lineNumber) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode split = node == null ? null : node.get("split");
            if (split == null || !split.isTextual()) {
                throw new IllegalStateException(file + " line " + lineNumber + " has no \"split\" field");
            }
            return SignerPool.parse(split.asText());
        } catch (IOException e) {
            throw new IllegalStateException(file + " line " + lineNumber + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
