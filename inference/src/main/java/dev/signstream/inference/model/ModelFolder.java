package dev.signstream.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model folder on disk ({@code model.onnx}, {@code model.json}, {@code labels.json}), read and
 * checked against {@code docs/model-contract.md}. Every problem is an {@link InvalidModelException}
 * that names the file and what is wrong.
 */
public final class ModelFolder {

    public static final String ONNX_FILE = "model.onnx";
    public static final String MANIFEST_FILE = "model.json";
    private static final int SUPPORTED_FORMAT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final ModelManifest manifest;

    private ModelFolder(Path directory, ModelManifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /** Reads and checks the folder, including that {@code model.onnx} hashes to the manifest's version. */
    public static ModelFolder load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidModelException("model folder not found: " + directory);
        }
        Path manifestFile = directory.resolve(MANIFEST_FILE);
        JsonNode root = readJson(manifestFile);
        try {
            ModelManifest manifest = parse(root, directory);
            String actual = versionOf(directory.resolve(ONNX_FILE));
            if (!actual.equals(manifest.version())) {
                throw new InvalidModelException(directory.resolve(ONNX_FILE) + " hashes to version " + actual
                        + " but " + MANIFEST_FILE + " says " + manifest.version()
                        + " (the manifest must come from the same export as the graph)");
            }
            return new ModelFolder(directory, manifest);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(manifestFile + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path onnxFile() {
        return directory.resolve(ONNX_FILE);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The first 16 hex digits of the SHA-256 of a file: a model's version. */
    public static String versionOf(Path onnxFile) {
        if (!Files.isRegularFile(onnxFile)) {
            throw new InvalidModelException("model graph not found: " + onnxFile);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(onnxFile), sha256())) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + onnxFile + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static ModelManifest parse(JsonNode root, Path directory) {
        int format = requiredInt(root, "format");
        if (format == 1) {
            throw new IllegalArgumentException("format 1 (a model whose averages reach back to the last reset, decoded"
                    + " by resetting it after each word) is no longer supported; this runtime reads format "
                    + SUPPORTED_FORMAT + ": retrain with training/train.py");
        }
        if (format != SUPPORTED_FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not supported (this runtime reads format "
                    + SUPPORTED_FORMAT + ")");
        }
        String version = requiredText(root, "version");
        if (!version.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("version must be 16 lower-case hex digits, got '" + version + "'");
        }
        JsonNode input = required(root, "input");
        String layout = requiredText(input, "layout");
        if (!"BTHWC".equals(layout)) {
            throw new IllegalArgumentException("input.layout must be BTHWC, got " + layout);
        }
        String dtype = requiredText(input, "dtype");
        if (!"float32".equals(dtype)) {
            throw new IllegalArgumentException("input.dtype must be float32, got " + dtype);
        }
        int height = positive(requiredInt(input, "height"), "input.height");
        int width = positive(requiredInt(input, "width"), "input.width");
        List<String> labels = readLabels(directory.resolve(requiredText(root, "labels")));
        String idleLabel = requiredText(root, "idle_label");
        int idleIndex = labels.indexOf(idleLabel);
        if (idleIndex < 0) {
            throw new IllegalArgumentException("idle_label '" + idleLabel + "' is not in the labels");
        }
        int signingIndex = -1;
        if (root.hasNonNull("signing_label")) {
            String signingLabel = requiredText(root, "signing_label");
            signingIndex = labels.indexOf(signingLabel);
            if (signingIndex < 0 || signingIndex == idleIndex) {
                throw new IllegalArgumentException("signing_label '" + signingLabel + "' is not a label other than the"
                        + " idle label");
            }
        }
        return new ModelManifest(
                requiredText(root, "name"),
                version,
                root.path("architecture").asText(""),
                requiredText(input, "name"),
                height,
                width,
                requiredText(root, "output"),
                positiveNumber(required(root, "fps"), "fps"),
                positive(requiredInt(root, "chunk_length"), "chunk_length"),
                labels,
                idleIndex,
                signingIndex,
                parseStates(required(root, "states")),
                parseDecoder(root.path("decoder")));
    }

    private static List<StateSpec> parseStates(JsonNode states) {
        if (!states.isArray() || states.isEmpty()) {
            throw new IllegalArgumentException("states must be a non-empty array");
        }
        List<StateSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int frameCounts = 0;
        for (JsonNode state : states) {
            String name = requiredText(state, "name");
            JsonNode shapeNode = required(state, "shape");
            if (!shapeNode.isArray()) {
                throw new IllegalArgumentException("states." + name + ".shape must be an array");
            }
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                if (!shapeNode.get(i).canConvertToInt()) {
                    throw new IllegalArgumentException("states." + name + ".shape holds a non-integer");
                }
                shape[i] = shapeNode.get(i).intValue();
            }
            StateSpec spec = new StateSpec(name, shape, StateKind.parse(requiredText(state, "kind")),
                    StateStorage.parse(requiredText(state, "storage")));
            if (!names.add(name)) {
                throw new IllegalArgumentException("state " + name + " is listed twice");
            }
            if (spec.kind() == StateKind.FRAME_COUNT) {
                frameCounts++;
            }
            specs.add(spec);
        }
        if (frameCounts != 1) {
            throw new IllegalArgumentException("exactly one state of kind frame_count is required, found " + frameCounts);
        }
        return specs;
    }

    private static Map<String, Number> parseDecoder(JsonNode decoder) {
        Map<String, Number> settings = new LinkedHashMap<>();
        if (decoder.isMissingNode() || decoder.isNull()) {
            return settings;
        }
        if (!decoder.isObject()) {
            throw new IllegalArgumentException("decoder must be an object");
        }
        decoder.fields().forEachRemaining(entry -> {
            if ("kind".equals(entry.getKey())) {
                if (!"peak".equals(entry.getValue().asText())) {
                    throw new IllegalArgumentException("decoder.kind must be \"peak\", got " + entry.getValue());
                }
                return;
            }
            if (!entry.getValue().isNumber()) {
                throw new IllegalArgumentException("decoder." + entry.getKey() + " must be a number");
            }
            settings.put(entry.getKey(), entry.getValue().numberValue());
        });
        return settings;
    }

    private static List<String> readLabels(Path file) {
        JsonNode root = readJson(file);
        if (!root.isArray() || root.size() < 2) {
            throw new InvalidModelException(file + " must be a JSON array of at least 2 labels");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : root) {
            if (!label.isTextual() || label.asText().isEmpty()) {
                throw new InvalidModelException(file + " holds a label that is not a non-empty string: " + label);
            }
            labels.add(label.asText());
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new InvalidModelException(file + " lists a label twice");
        }
        return labels;
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException("missing " + file);
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidModelException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer");
        }
        return value.intValue();
    }

    private static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }

    private static double positiveNumber(JsonNode value, String field) {
        if (!value.isNumber() || value.doubleValue() <= 0) {
            throw new IllegalArgumentException(field + " must be a positive number, got " + value);
        }
        return value.doubleValue();
    }
}
