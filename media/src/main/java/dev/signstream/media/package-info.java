/**
 * Video in and out through JavaCV/FFmpeg, kept small and general so other parts of SignStream can
 * build on it: {@link dev.signstream.media.RgbFrame} (one packed RGB24 image with a timestamp),
 * {@link dev.signstream.media.Mp4Writer} (RGB24 frames to a deterministic MPEG-4 Part 2 file) and
 * {@link dev.signstream.media.VideoReader} (any video FFmpeg decodes, scaled to a requested size).
 */
package dev.signstream.media;
