package dev.signstream.inference.state;

import dev.signstream.inference.model.StateKind;
import dev.signstream.inference.model.StateSpec;
import java.util.List;

/**
 * Where each state tensor of a model lives in a session's one flat {@code float[]}: tensors in
 * graph order, back to back.
 */
public final class StateLayout {

    private final List<StateSpec> specs;
    private final int[] offsets;
    private final int totalFloats;
    private final int storedBytes;
    private final int frameCountOffset;
    private final int maxElements;

    public StateLayout(List<StateSpec> specs) {
        this.specs = List.copyOf(specs);
        this.offsets = new int[specs.size()];
        int offset = 0;
        int bytes = 0;
        int countOffset = -1;
        int largest = 0;
        for (int i = 0; i < specs.size(); i++) {
            StateSpec spec = specs.get(i);
            offsets[i] = offset;
            if (spec.kind() == StateKind.FRAME_COUNT) {
                countOffset = offset;
            }
            offset = Math.addExact(offset, spec.elements());
            largest = Math.max(largest, spec.elements());
            bytes = Math.addExact(bytes, Math.multiplyExact(spec.elements(), spec.storage().bytesPerElement()));
        }
        if (countOffset < 0) {
            throw new IllegalArgumentException("the state has no frame_count tensor");
        }
        this.totalFloats = offset;
        this.storedBytes = bytes;
        this.frameCountOffset = countOffset;
        this.maxElements = largest;
    }

    public List<StateSpec> specs() {
        return specs;
    }

    public int tensorCount() {
        return specs.size();
    }

    public StateSpec spec(int tensor) {
        return specs.get(tensor);
    }

    /** Index of tensor {@code tensor}'s first element in the flat array. */
    public int offset(int tensor) {
        return offsets[tensor];
    }

    public int elements(int tensor) {
        return specs.get(tensor).elements();
    }

    /** Elements of the largest tensor. */
    public int maxElements() {
        return maxElements;
    }

    /** Floats per session, all tensors together. */
    public int totalFloats() {
        return totalFloats;
    }

    /** Bytes of tensor data as stored (fp16 or fp32 per tensor), without the header. */
    public int storedBytes() {
        return storedBytes;
    }

    /** Index of the frames-since-reset count in the flat array. */
    public int frameCountOffset() {
        return frameCountOffset;
    }
}
