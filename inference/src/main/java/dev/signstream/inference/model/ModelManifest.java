package dev.signstream.inference.model;

import java.util.List;
import java.util.Map;

/**
 * The typed content of a model folder's {@code model.json} plus its labels: what the runtime needs
 * to feed the graph, keep session state and decode words. Built by {@link ModelFolder#load}.
 *
 * @param name            model name, e.g. {@code ksl-synth-small}
 * @param version         first 16 hex digits of the SHA-256 of {@code model.onnx}; session state
 *                        written by another version is refused
 * @param architecture    e.g. {@code movinet-stream-small}
 * @param inputName       the image input, {@code [B, T, H, W, 3]} float32 RGB in [0, 1]
 * @param height          input height in pixels
 * @param width           input width in pixels
 * @param outputName      the logits output, {@code [B, classes]} for the last frame of a chunk
 * @param fps             frame rate the model was trained at
 * @param chunkLength     recommended frames per chunk
 * @param labels          class names, index = class id
 * @param idleIndex       class id of the idle/background label
 * @param signingIndex    class id of the {@code <signing>} label (a sign is being made; never a word), or -1
 * @param states          state tensors in graph order
 * @param decoderSettings the manifest's {@code decoder} object (thresholds; may be empty)
 */
public record ModelManifest(
        String name,
        String version,
        String architecture,
        String inputName,
        int height,
        int width,
        String outputName,
        double fps,
        int chunkLength,
        List<String> labels,
        int idleIndex,
        int signingIndex,
        List<StateSpec> states,
        Map<String, Number> decoderSettings) {

    public ModelManifest {
        labels = List.copyOf(labels);
        states = List.copyOf(states);
        decoderSettings = Map.copyOf(decoderSettings);
        if (idleIndex < 0 || idleIndex >= labels.size()) {
            throw new IllegalArgumentException("idle index " + idleIndex + " outside " + labels.size() + " labels");
        }
        if (signingIndex < -1 || signingIndex >= labels.size() || signingIndex == idleIndex) {
            throw new IllegalArgumentException("signing index " + signingIndex + " is not a label other than idle");
        }
    }

    public int classes() {
        return labels.size();
    }

    public String idleLabel() {
        return labels.get(idleIndex);
    }

    /** Floats in one frame of the image input: {@code height * width * 3}. */
    public int floatsPerFrame() {
        return height * width * 3;
    }
}
