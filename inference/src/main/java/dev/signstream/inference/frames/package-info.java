/**
 * Frame payloads to model input: {@link dev.signstream.inference.frames.FrameDecoder} turns a chunk's
 * JPEG or raw RGB24 frames into the float RGB [0, 1] {@code [T, H, W, 3]} layout the graph reads,
 * inside a reused {@link dev.signstream.inference.frames.FrameBlock}. A payload that cannot be used
 * (corrupt, wrong size, wrong count, times out of order) raises
 * {@link dev.signstream.inference.frames.BadFramesException}, the one type the processor dead-letters.
 */
package dev.signstream.inference.frames;
