package dev.signstream.inference.state;

import java.util.Objects;

/**
 * What {@link StateCodec#decode} made of stored bytes: the restored state, or a fresh one and the
 * reason the stored one was refused (for the processor to count and log).
 *
 * @param state    the state to continue with; never null
 * @param restored true when {@code state} continues the stored session
 * @param reason   why the stored state was refused; null when restored
 */
public record StateRestore(SessionState state, boolean restored, String reason) {

    public StateRestore {
        Objects.requireNonNull(state, "state");
        if (restored == (reason != null)) {
            throw new IllegalArgumentException("a refused state needs a reason, a restored one has none");
        }
    }

    static StateRestore restored(SessionState state) {
        return new StateRestore(state, true, null);
    }

    static StateRestore fresh(SessionState state, String reason) {
        return new StateRestore(state, false, reason);
    }
}
