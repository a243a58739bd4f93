/**
 * Draws a signer's pose into packed RGB24 frames with Java2D (headless): a backdrop
 * ({@link dev.signstream.synth.render.Backdrop}), the figure ({@link dev.signstream.synth.render.FigurePainter})
 * with hands ({@link dev.signstream.synth.render.HandShapes}), then lighting and sensor noise
 * ({@link dev.signstream.synth.render.PixelFinisher}). {@link dev.signstream.synth.render.SignerRenderer}
 * puts them together; {@link dev.signstream.synth.render.Framing} keeps every hand inside the frame.
 */
package dev.signstream.synth.render;
