/**
 * The Kafka-free MoViNet stream runtime. A caller (the processor, the offline evaluation, a
 * benchmark) typically:
 *
 * <ol>
 *   <li>loads a model folder: {@link dev.signstream.inference.engine.StreamModel#load};
 *   <li>starts one shared {@link dev.signstream.inference.engine.StreamBatcher} and wraps it in a
 *       {@link dev.signstream.inference.recognition.Recognizer} with the model's word decoder;
 *   <li>per thread, keeps a {@link dev.signstream.inference.frames.FrameDecoder} and a
 *       {@link dev.signstream.inference.frames.FrameBlock};
 *   <li>per chunk: restores the session with the model's
 *       {@link dev.signstream.inference.state.StateCodec} (or starts one fresh), decodes the frames
 *       (a {@link dev.signstream.inference.frames.BadFramesException} means dead-letter the chunk),
 *       calls {@code Recognizer.accept}, emits the words, and stores the encoded state.
 * </ol>
 */
package dev.signstream.inference;
