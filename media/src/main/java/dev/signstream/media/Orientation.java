package dev.signstream.media;

/**
 * How a video's stored frames are turned to be shown upright: its display matrix (the
 * {@code rotate} of phone videos), as FFmpeg's own players apply it. The matrix says by how many
 * degrees the frame is turned counter-clockwise ({@code av_display_rotation_get}); a phone held
 * upright records landscape frames with -90 (turn clockwise) or 90.
 *
 * @param turns quarter turns counter-clockwise, 0 to 3
 */
public record Orientation(int turns) {

    public Orientation {
        if (turns < 0 || turns > 3) {
            throw new IllegalArgumentException("quarter turns must be 0-3, got " + turns);
        }
    }

    /** From the display matrix's rotation in degrees (counter-clockwise; NaN or 0 when there is none). */
    public static Orientation of(double degrees) {
        if (Double.isNaN(degrees)) {
            return new Orientation(0);
        }
        return new Orientation(Math.floorMod(Math.round(degrees / 90), 4));
    }

    /** Degrees counter-clockwise, 0, 90, 180 or 270. */
    public int degrees() {
        return turns * 90;
    }

    /** True for a quarter turn either way: the shown image's width is the stored image's height. */
    public boolean sideways() {
        return turns % 2 == 1;
    }

    /**
     * Turns a packed-RGB image of {@code width x height} from {@code stored} into {@code shown},
     * which is {@code height x width} when {@link #sideways()}.
     */
    public void turn(byte[] stored, int width, int height, byte[] shown) {
        if (stored.length != width * height * 3 || shown.length != stored.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs " + width * height * 3
                    + " bytes on both sides, got " + stored.length + " and " + shown.length);
        }
        int storedRow = width * 3;
        int shownWidth = sideways() ? height : width;
        int shownHeight = sideways() ? width : height;
        for (int y = 0; y < shownHeight; y++) {
            for (int x = 0; x < shownWidth; x++) {
                // the shown pixel (x, y) comes from this stored one
                int sx;
                int sy;
                switch (turns) {
                    case 1 -> { // counter-clockwise: the stored top-right corner goes to the top-left
                        sx = width - 1 - y;
                        sy = x;
                    }
                    case 2 -> {
                        sx = width - 1 - x;
                        sy = height - 1 - y;
                    }
                    case 3 -> { // clockwise: the stored bottom-left corner goes to the top-left
                        sx = y;
                        sy = height - 1 - x;
                    }
                    default -> {
                        sx = x;
                        sy = y;
                    }
                }
                System.arraycopy(stored, sy * storedRow + sx * 3, shown, (y * shownWidth + x) * 3, 3);
            }
        }
    }
}
