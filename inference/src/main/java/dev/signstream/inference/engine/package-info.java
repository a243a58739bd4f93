/**
 * Running the stream model through DJL's ONNX Runtime engine (offline mode always on):
 * {@link dev.signstream.inference.engine.StreamModel} loads a model folder on CPU or CUDA;
 * {@link dev.signstream.inference.engine.StreamPredictor} (one per thread) runs K sessions, each at
 * its own position, in one ONNX call; {@link dev.signstream.inference.engine.StreamBatcher} lets many
 * threads call synchronously while it gathers their concurrent steps into such batched calls.
 */
package dev.signstream.inference.engine;
