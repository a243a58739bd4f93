package dev.signstream.inference.engine;

import dev.signstream.inference.frames.FrameBlock;
import dev.signstream.inference.state.SessionState;

/** Advances one session by one chunk: runs the model on the frames and updates the state in place. */
public interface Stepper {

    /**
     * Runs the model on {@code frames} from {@code state}, writes the state after the chunk back
     * into {@code state} and returns the logits for the chunk's last frame.
     */
    float[] step(SessionState state, FrameBlock frames);
}
