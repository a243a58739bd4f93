package dev.signstream.inference.model;

import java.util.Arrays;

/**
 * One state tensor of the model: its graph input name (the output is {@code name + "_out"}), its
 * shape without the batch dimension, what it holds and how the store keeps it.
 */
public record StateSpec(String name, int[] shape, StateKind kind, StateStorage storage) {

    public StateSpec {
        if (name == null || !name.startsWith("state_")) {
            throw new IllegalArgumentException("state names start with 'state_', got " + name);
        }
        shape = shape.clone();
        for (int dim : shape) {
            if (dim <= 0) {
                throw new IllegalArgumentException("state " + name + " has a non-positive dimension: "
                        + Arrays.toString(shape));
            }
        }
        if (kind == StateKind.FRAME_COUNT && shape.length != 0) {
            throw new IllegalArgumentException("the frame count " + name + " must have shape [] (one per session), got "
                    + Arrays.toString(shape));
        }
        if (kind != StateKind.STREAM_BUFFER && storage == StateStorage.FLOAT16) {
            // fp16 sums overflow and an fp16 count stops at 2,048 (docs/model-contract.md).
            throw new IllegalArgumentException("state " + name + " of kind " + kind + " must be stored as float32");
        }
    }

    /** The graph output that carries this state after a chunk. */
    public String outputName() {
        return name + "_out";
    }

    /** Elements per session (1 for a scalar). */
    public int elements() {
        int n = 1;
        for (int dim : shape) {
            n = Math.multiplyExact(n, dim);
        }
        return n;
    }

    /** The shape with a leading batch dimension. */
    public long[] batchShape(int batch) {
        long[] result = new long[shape.length + 1];
        result[0] = batch;
        for (int i = 0; i < shape.length; i++) {
            result[i + 1] = shape[i];
        }
        return result;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateSpec that && name.equals(that.name) && Arrays.equals(shape, that.shape)
                && kind == that.kind && storage == that.storage;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + kind + "/" + storage.manifestName();
    }
}
