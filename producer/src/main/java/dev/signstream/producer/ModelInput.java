package dev.signstream.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a producer needs from a model manifest ({@code model.json}, see docs/model-contract.md):
 * the square input size, and the frame rate and chunk length the model was trained with.
 *
 * @param name        the model's name
 * @param size        input height = width, in pixels
 * @param fps         training frame rate, or 0 when the manifest does not say
 * @param chunkLength recommended frames per chunk, or 0 when the manifest does not say
 */
public record ModelInput(String name, int size, double fps, int chunkLength) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a model folder's {@code model.json} (or the file itself).
     *
     * @throws IllegalArgumentException naming the file and the field when it is missing or malformed
     */
    public static ModelInput read(Path modelDirOrManifest) {
        Path manifest = Files.isDirectory(modelDirOrManifest) ? modelDirOrManifest.resolve("model.json") : modelDirOrManifest;
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("model " + modelDirOrManifest + ": no model manifest at " + manifest);
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("model manifest " + manifest + " is not readable JSON: " + e.getMessage(), e);
        }
        JsonNode input = root.path("input");
        int height = input.path("height").asInt(0);
        int width = input.path("width").asInt(0);
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("model manifest " + manifest + " has no positive input.height and input.width");
        }
        if (height != width) {
            throw new IllegalArgumentException("model manifest " + manifest + " wants " + width + "x" + height
                    + " input; the producer sends square frames only");
        }
        return new ModelInput(root.path("name").asText(manifest.getParent() == null ? "model"
                : manifest.getParent().getFileName().toString()), width, root.path("fps").asDouble(0),
                root.path("chunk_length").asInt(0));
    }
}
