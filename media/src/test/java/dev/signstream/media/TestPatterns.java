package dev.signstream.media;

/** Smooth moving test images: a gradient with a bright square that moves one step per frame. */
final class TestPatterns {

    private TestPatterns() {
    }

    static RgbFrame movingSquare(int width, int height, int index) {
        RgbFrame frame = new RgbFrame(width, height);
        byte[] p = frame.pixels();
        int square = Math.max(8, width / 5);
        int left = (index * 3) % (width - square);
        int top = height / 3;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean inSquare = x >= left && x < left + square && y >= top && y < top + square;
                p[i] = (byte) (inSquare ? 240 : 40 + x * 120 / width);
                p[i + 1] = (byte) (inSquare ? 220 : 60 + y * 100 / height);
                p[i + 2] = (byte) (inSquare ? 30 : 120);
            }
        }
        return frame;
    }

    /** Peak signal-to-noise ratio of b against a, in dB. */
    static double psnr(RgbFrame a, RgbFrame b) {
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xFF) - (y[i] & 0xFF);
            sum += d * d;
        }
        double mse = sum / x.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
