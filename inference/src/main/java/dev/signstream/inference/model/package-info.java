/**
 * A model folder as {@code docs/model-contract.md} defines it: {@link dev.signstream.inference.model.ModelFolder}
 * reads {@code model.json} and {@code labels.json}, checks that {@code model.onnx} is the file the
 * manifest's version names, and hands out the typed {@link dev.signstream.inference.model.ModelManifest}
 * (input size, chunk length, state tensors and their storage, decoder thresholds).
 */
package dev.signstream.inference.model;
