/**
 * Per-session state: {@link dev.signstream.inference.state.SessionState} (the model's state tensors in
 * fp32, frames seen, the last applied chunk seq and the word decoder's state) and
 * {@link dev.signstream.inference.state.StateCodec}, which writes it to one compact {@code byte[]}
 * (versioned header, stream buffers in fp16, sums and counts in fp32) and reads it back, refusing
 * state from another model version with a reason.
 */
package dev.signstream.inference.state;
