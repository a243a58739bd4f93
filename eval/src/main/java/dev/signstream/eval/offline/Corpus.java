package dev.signstream.eval.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A corpus folder: its labels and the clips its {@code manifest.jsonl} lists. */
public final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final List<String> labels;
    private final List<CorpusClip> clips;

    private Corpus(Path root, List<String> labels, List<CorpusClip> clips) {
        this.root = root;
        this.labels = List.copyOf(labels);
        this.clips = List.copyOf(clips);
    }

    /**
     * Reads {@code labels.json} and {@code manifest.jsonl}.
     *
     * @throws IllegalArgumentException naming the file and line of anything that is not in the corpus format
     */
    public static Corpus read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("corpus folder not found: " + root);
        }
        List<String> labels = readLabels(root.resolve("labels.json"));
        Path manifest = root.resolve("manifest.jsonl");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("missing " + manifest);
        }
        List<CorpusClip> clips = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    clips.add(parse(JSON.readTree(line), labels.get(0)));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(manifest + " line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
        return new Corpus(root, labels, clips);
    }

    public Path root() {
        return root;
    }

    public List<String> labels() {
        return labels;
    }

    public List<CorpusClip> clips() {
        return clips;
    }

    /** The clips of one split, in manifest order. */
    public List<CorpusClip> split(String split) {
        return clips.stream().filter(c -> c.split().equals(split)).toList();
    }

    /** The video file of a clip. */
    public Path fileOf(CorpusClip clip) {
        return root.resolve(clip.file());
    }

    private static CorpusClip parse(JsonNode node, String idleLabel) {
        CorpusClip.Kind kind;
        try {
            kind = CorpusClip.Kind.valueOf(text(node, "kind").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown clip kind '" + text(node, "kind")
                    + "' (expected sign, idle, sentence or sequence)", e);
        }
        List<String> glosses = new ArrayList<>();
        for (JsonNode gloss : array(node, "glosses")) {
            glosses.add(gloss.asText());
        }
        List<CorpusClip.SignSpan> signs = new ArrayList<>();
        for (JsonNode sign : array(node, "signs")) {
            CorpusClip.SignSpan span = new CorpusClip.SignSpan(text(sign, "gloss"), integer(sign, "label"),
                    integer(sign, "start"), integer(sign, "end"));
            if (span.start() < 0 || span.end() <= span.start()) {
                throw new IllegalArgumentException("sign " + span.gloss() + " has an empty range " + span.start() + ".."
                        + span.end());
            }
            signs.add(span);
        }
        CorpusClip clip = new CorpusClip(text(node, "file"), text(node, "split"), kind, glosses, positive(node, "fps"),
                integer(node, "width"), integer(node, "height"), integer(node, "frames"), signs);
        if (kind == CorpusClip.Kind.SIGN && glosses.size() != 1) {
            throw new IllegalArgumentException("a sign clip needs exactly one gloss, " + clip.file() + " has " + glosses);
        }
        if (kind == CorpusClip.Kind.IDLE && !(glosses.isEmpty() || glosses.equals(List.of(idleLabel)))) {
            throw new IllegalArgumentException("an idle clip has no glosses or just the idle label '" + idleLabel + "', "
                    + clip.file() + " has " + glosses);
        }
        if ((kind == CorpusClip.Kind.SENTENCE || kind == CorpusClip.Kind.SEQUENCE) && glosses.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT) + " clip needs glosses: "
                    + clip.file());
        }
        return clip;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer");
        }
        return value.intValue();
    }

    private static double positive(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || !(value.doubleValue() > 0)) {
            throw new IllegalArgumentException("field '" + field + "' must be a positive number");
        }
        return value.doubleValue();
    }

    private static List<String> readLabels(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing " + file);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!root.isArray()) {
                throw new IllegalArgumentException(file + " must be a JSON array of labels");
            }
            List<String> labels = new ArrayList<>();
            root.forEach(label -> labels.add(label.asText()));
            if (labels.isEmpty()) {
                throw new IllegalArgumentException(file + " lists no labels (index 0 is the idle label)");
            }
            return labels;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
