package dev.signstream.media;

/**
 * How a source image becomes a square of the model's size without distortion: scale it so its
 * short side matches the target ("cover"), then cut the centre. A 1920x1080 frame at 112 scales
 * to 199x112 and keeps columns 43-154; a portrait 720x1280 frame scales to 112x199 and keeps
 * rows 43-154.
 *
 * @param scaledWidth  width after scaling (at least {@code size})
 * @param scaledHeight height after scaling (at least {@code size})
 * @param left         first column of the crop in the scaled image
 * @param top          first row of the crop in the scaled image
 * @param size         side of the square crop
 */
public record CoverCrop(int scaledWidth, int scaledHeight, int left, int top, int size) {

    public CoverCrop {
        if (size <= 0 || left < 0 || top < 0 || left + size > scaledWidth || top + size > scaledHeight) {
            throw new IllegalArgumentException("crop " + size + "x" + size + " at " + left + "," + top
                    + " does not fit a scaled image of " + scaledWidth + "x" + scaledHeight);
        }
    }

    /** The cover scaling and centre crop of a {@code width x height} image to {@code size x size}. */
    public static CoverCrop of(int width, int height, int size) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("source size must be positive, got " + width + "x" + height);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + size);
        }
        int scaledWidth;
        int scaledHeight;
        if (width >= height) {
            scaledHeight = size;
            scaledWidth = Math.max(size, (int) Math.round((double) width * size / height));
        } else {
            scaledWidth = size;
            scaledHeight = Math.max(size, (int) Math.round((double) height * size / width));
        }
        return new CoverCrop(scaledWidth, scaledHeight, (scaledWidth - size) / 2, (scaledHeight - size) / 2, size);
    }
}
