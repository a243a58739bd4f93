/**
 * Video in and out through JavaCV/FFmpeg, kept small and general so other parts of SignStream can
 * build on it: {@link dev.signstream.media.RgbFrame} (one packed RGB24 image with a timestamp),
 * {@link dev.signstream.media.Mp4Writer} (RGB24 frames to a deterministic MPEG-4 Part 2 file) and
 * {@link dev.signstream.media.VideoReader} (any video file FFmpeg decodes, scaled to a requested size).
 *
 * <p>For live sources and the producer: {@link dev.signstream.media.VideoInput} (files, V4L2
 * devices and network streams with timeouts, cover-scaled and centre-cropped to the model's square
 * by {@link dev.signstream.media.CoverCrop}), {@link dev.signstream.media.FrameSampler} (a target
 * frame rate chosen by timestamps, for variable-frame-rate sources) and
 * {@link dev.signstream.media.JpegEncoder} (FFmpeg's mjpeg encoder with reused native buffers).
 *
 * <p>Both readers read through one package-private FFmpeg reader ({@code FfmpegReader}): opening
 * a source and its checks, the display matrix ({@link dev.signstream.media.Orientation}), row-stride
 * copying, the truncated-file check and closing live there once. The reader and the writer close
 * their JavaCV object through {@code CloseOnce}.
 */
package dev.signstream.media;
