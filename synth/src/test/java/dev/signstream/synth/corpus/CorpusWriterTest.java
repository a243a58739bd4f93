package dev.signstream.synth.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.media.VideoReader;
import dev.signstream.synth.SynthFixtures;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes one small corpus (every sign once, idle clips, sentences) and checks it inside out. */
class CorpusWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static final Vocabulary vocabulary = Vocabulary.standard();
    private static final CorpusWriter writer = new CorpusWriter(vocabulary, Sentences.standard());
    private static Path root;
    private static CorpusSpec spec;
    private static CorpusSummary summary;

    @BeforeAll
    static void writeTrainSplit() {
        root = dir.resolve("corpus");
        spec = spec(root, SignerPool.TRAIN, 42, false);
        List<Integer> progress = new ArrayList<>();
        summary = writer.write(spec, (done, total) -> progress.add(done));
        assertThat(progress).hasSize(summary.clips()).contains(summary.clips());
    }

    private static CorpusSpec spec(Path out, SignerPool split, long seed, boolean overwrite) {
        return new CorpusSpec(out, split, 1, 2, 3, 5, 4, seed, 112, 15, 2, overwrite);
    }

    @Test
    void writesTheLayoutLabelsAndOneManifestLinePerDecodableClip() throws IOException {
        assertThat(summary.clips()).isEqualTo(vocabulary.size() + 2 + 3 + 5);
        List<String> labels = JSON.readValue(root.resolve("labels.json").toFile(), new TypeReference<>() { });
        assertThat(labels).isEqualTo(vocabulary.labels());

        List<Map<String, Object>> manifest = manifest(root);
        assertThat(manifest).hasSize(summary.clips());
        Map<String, Integer> kinds = new HashMap<>();
        for (Map<String, Object> line : manifest) {
            kinds.merge((String) line.get("kind"), 1, Integer::sum);
            String file = (String) line.get("file");
            assertThat(line).containsEntry("split", "train").containsEntry("fps", 15)
                    .containsEntry("width", 112).containsEntry("height", 112).containsKey("sentence_id");
            assertThat((String) line.get("signer")).matches("train-s000[0-3]");
            int frames = (Integer) line.get("frames");
            try (VideoReader reader = VideoReader.open(root.resolve(file), 112, 112)) {
                int decoded = 0;
                while (reader.read() != null) {
                    decoded++;
                }
                assertThat(decoded).as(file).isEqualTo(frames);
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> signs = (List<Map<String, Object>>) line.get("signs");
            @SuppressWarnings("unchecked")
            List<String> glosses = (List<String>) line.get("glosses");
            switch ((String) line.get("kind")) {
                case "sign" -> {
                    assertThat(file).startsWith("train/" + glosses.get(0) + "/train-s");
                    assertThat(signs).hasSize(1);
                    assertThat(signs.get(0)).containsEntry("gloss", glosses.get(0))
                            .containsEntry("label", vocabulary.sign(glosses.get(0)).label());
                    assertThat(line.get("text")).isEqualTo(glosses.get(0));
                }
                case "idle" -> {
                    assertThat(file).startsWith("train/<idle>/");
                    assertThat(glosses).containsExactly("<idle>");
                    assertThat(signs).isEmpty();
                }
                case "sentence" -> {
                    assertThat(file).startsWith("train/_sentences/");
                    assertThat(Sentences.standard().byId((String) line.get("sentence_id")).glosses()).isEqualTo(glosses);
                    assertThat(signs.stream().map(s -> s.get("gloss")).toList()).isEqualTo(glosses);
                }
                case "sequence" -> {
                    assertThat(file).startsWith("train/_sequences/train-s").endsWith(".mp4");
                    assertThat(line.get("sentence_id")).isNull();
                    assertThat(glosses).hasSizeBetween(ClipPlanner.SEQUENCE_MIN_SIGNS, ClipPlanner.SEQUENCE_MAX_SIGNS);
                    assertThat(glosses).allMatch(vocabulary::contains);
                    for (int i = 1; i < glosses.size(); i++) {
                        assertThat(glosses.get(i)).as("never the same sign twice in a row").isNotEqualTo(glosses.get(i - 1));
                    }
                    assertThat(line.get("text")).isEqualTo(String.join(" ", glosses));
                    assertThat(signs.stream().map(s -> s.get("gloss")).toList()).isEqualTo(glosses);
                }
                default -> throw new AssertionError("unexpected kind in " + line);
            }
            int previousEnd = 0;
            for (Map<String, Object> sign : signs) {
                int start = (Integer) sign.get("start");
                int end = (Integer) sign.get("end");
                assertThat(start).isGreaterThanOrEqualTo(previousEnd);
                assertThat(end).isGreaterThan(start).isLessThanOrEqualTo(frames);
                previousEnd = end;
            }
        }
        assertThat(kinds).containsEntry("sign", vocabulary.size()).containsEntry("idle", 2).containsEntry("sentence", 3)
                .containsEntry("sequence", 5);
    }

    @Test
    void outsideTheManifestsSignRangesTheHandsAreAtRest() throws IOException {
        // the planner is deterministic: re-plan the written spec and hold each clip's poses
        // against the ranges the manifest on disk states
        Map<String, ClipPlan> plans = new HashMap<>();
        new ClipPlanner(vocabulary, Sentences.standard()).plan(spec).forEach(p -> plans.put(p.file(), p));
        for (Map<String, Object> line : manifest(root)) {
            ClipPlan plan = plans.get((String) line.get("file"));
            assertThat(plan).as("plan of %s", line.get("file")).isNotNull();
            ManifestEntry expected = ManifestEntry.of(plan);
            assertThat(JSON.writeValueAsString(expected)).isEqualTo(JSON.writeValueAsString(line));
            SynthFixtures.assertRestOutsideAndMovingInside(plan.clip(), plan.fps());
        }
    }

    @Test
    void theSameSpecGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        Path again = dir.resolve("again");
        writer.write(spec(again, SignerPool.TRAIN, 42, false), CorpusProgress.NONE);
        Path other = dir.resolve("other");
        writer.write(spec(other, SignerPool.TRAIN, 43, false), CorpusProgress.NONE);

        List<Path> files = files(root);
        assertThat(files(again)).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(root.resolve(file)));
        }
        String clip = (String) manifest(root).get(0).get("file");
        assertThat(Files.readAllBytes(other.resolve(clip))).isNotEqualTo(Files.readAllBytes(root.resolve(clip)));
    }

    @Test
    void splitsHaveDisjointSignersAndShareOneManifestInSplitOrder() throws IOException {
        Path shared = dir.resolve("shared");
        writer.write(new CorpusSpec(shared, SignerPool.TEST, 0, 2, 1, 3, 42, 112, 15, 2, false), CorpusProgress.NONE);
        writer.write(new CorpusSpec(shared, SignerPool.TRAIN, 0, 2, 1, 3, 42, 112, 15, 2, false), CorpusProgress.NONE);

        List<Map<String, Object>> lines = manifest(shared);
        assertThat(lines.stream().map(l -> l.get("split")).toList()).containsExactly("train", "train", "train", "test", "test", "test");
        Set<Object> trainSigners = new HashSet<>();
        Set<Object> testSigners = new HashSet<>();
        lines.forEach(l -> ("train".equals(l.get("split")) ? trainSigners : testSigners).add(l.get("signer")));
        assertThat(trainSigners).doesNotContainAnyElementsOf(testSigners);
    }

    @Test
    void refusesToOverwriteASplitUnlessAsked() {
        assertThatThrownBy(() -> writer.write(spec(root, SignerPool.TRAIN, 42, false), CorpusProgress.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overwriting is asked for");
    }

    @Test
    void rejectsBadSpecs() {
        assertThatThrownBy(() -> new CorpusSpec(dir, SignerPool.LIVE, 1, 0, 0, 1, 1, 112, 15, 1, false)).hasMessageContaining("split");
        assertThatThrownBy(() -> new CorpusSpec(dir, SignerPool.TRAIN, 1, 0, 0, 1, 1, 113, 15, 1, false)).hasMessageContaining("even");
        assertThatThrownBy(() -> new CorpusSpec(dir, SignerPool.TRAIN, 0, 0, 0, 1, 1, 112, 15, 1, false)).hasMessageContaining("nothing to write");
        assertThatThrownBy(() -> new CorpusSpec(dir, SignerPool.TRAIN, 1, 0, 0, 0, 1, 112, 15, 1, false)).hasMessageContaining("signers");
        assertThatThrownBy(() -> new CorpusSpec(dir, SignerPool.TRAIN, 1, 0, 0, -1, 1, 1, 112, 15, 1, false))
                .hasMessageContaining("sequences -1");
    }

    private static List<Map<String, Object>> manifest(Path root) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            lines.add(JSON.readValue(line, new TypeReference<>() { }));
        }
        return lines;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
