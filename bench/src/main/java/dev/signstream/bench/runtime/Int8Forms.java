package dev.signstream.bench.runtime;

import dev.signstream.inference.model.StateKind;
import dev.signstream.inference.model.StateSpec;
import dev.signstream.inference.state.StateLayout;

/**
 * Candidate int8 stored forms of the stream buffers, applied as a round trip (quantize, then back to
 * float) so their effect on the logits can be measured; nothing here is used by the processor. A
 * buffer {@code [T, C, ...]} gets one scale per channel C (over T and the spatial dimensions) or one
 * per row (each contiguous block of the innermost dimensions: a channel's H x W at one time step, or
 * the C values of one time step of a window), symmetric (-127..127) or with an offset (0..255 between
 * the group's minimum and maximum).
 */
enum Int8Forms {
    SYMMETRIC_PER_CHANNEL(true, false),
    SYMMETRIC_PER_ROW(false, false),
    OFFSET_PER_CHANNEL(true, true),
    OFFSET_PER_ROW(false, true);

    private final boolean perChannel;
    private final boolean offset;

    Int8Forms(boolean perChannel, boolean offset) {
        this.perChannel = perChannel;
        this.offset = offset;
    }

    /** Stored bytes of the state in this form (buffers 1 byte an element plus a 4-byte scale, and offset, per group). */
    int storedBytes(StateLayout layout) {
        int bytes = 0;
        for (int t = 0; t < layout.tensorCount(); t++) {
            StateSpec spec = layout.spec(t);
            if (spec.kind() != StateKind.STREAM_BUFFER) {
                bytes += 4 * spec.elements();
            } else {
                bytes += spec.elements() + groups(spec) * (offset ? 8 : 4);
            }
        }
        return bytes;
    }

    /** Replaces every stream buffer value by what this form would store and give back. */
    void roundTrip(float[] tensors, StateLayout layout) {
        for (int t = 0; t < layout.tensorCount(); t++) {
            StateSpec spec = layout.spec(t);
            if (spec.kind() != StateKind.STREAM_BUFFER) {
                continue;
            }
            int[] shape = spec.shape();
            int channels = shape[1];
            int inner = 1;
            for (int d = 2; d < shape.length; d++) {
                inner *= shape[d];
            }
            int block = inner == 1 ? channels : inner;
            int groups = groups(spec);
            int perGroup = spec.elements() / groups;
            for (int g = 0; g < groups; g++) {
                float lo = Float.MAX_VALUE;
                float hi = -Float.MAX_VALUE;
                for (int k = 0; k < perGroup; k++) {
                    float v = tensors[index(layout.offset(t), g, k, channels, inner, block)];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                float scale = offset ? (hi - lo) / 255f : Math.max(Math.abs(lo), Math.abs(hi)) / 127f;
                if (scale == 0) {
                    continue;
                }
                float base = offset ? lo : 0;
                for (int k = 0; k < perGroup; k++) {
                    int i = index(layout.offset(t), g, k, channels, inner, block);
                    tensors[i] = base + Math.round((tensors[i] - base) / scale) * scale;
                }
            }
        }
    }

    private int groups(StateSpec spec) {
        int[] shape = spec.shape();
        int inner = 1;
        for (int d = 2; d < shape.length; d++) {
            inner *= shape[d];
        }
        return perChannel ? shape[1] : spec.elements() / (inner == 1 ? shape[1] : inner);
    }

    /** Element k of group g: per channel, the k-th of (time, spatial) for channel g; per row, the k-th of block g. */
    private int index(int offsetOfTensor, int g, int k, int channels, int inner, int block) {
        if (perChannel) {
            return offsetOfTensor + ((k / inner) * channels + g) * inner + k % inner;
        }
        return offsetOfTensor + g * block + k;
    }
}
