package dev.signstream.synth.render;

import dev.signstream.synth.signer.Colours;
import dev.signstream.synth.signer.SceneVariation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Everything behind the signer: a background rendered once per clip (plain, gradient or textured)
 * slightly larger than the frame so camera shake never shows an edge, and the moving distractor.
 */
final class Backdrop {

    private final BufferedImage background;
    private final int pad;
    private final int size;
    private final SceneVariation.Distractor distractor;
    private final Color distractorColour;
    private final DistractorOutline distractorShape = new DistractorOutline();

    Backdrop(int size, SceneVariation scene) {
        this.size = size;
        this.pad = (int) Math.ceil(scene.shakePixels()) + 2;
        this.background = paintBackground(size + 2 * pad, scene);
        this.distractor = scene.distractor();
        this.distractorColour = distractor == null ? null : new Color(distractor.colour());
    }

    /** Draws the background shifted by the camera shake, then the distractor at {@code time}. */
    void paint(Graphics2D g, double shakeX, double shakeY, double time) {
        g.drawImage(background, (int) Math.round(shakeX) - pad, (int) Math.round(shakeY) - pad, null);
        if (distractor != null) {
            paintDistractor(g, shakeX, shakeY, time);
        }
    }

    private void paintDistractor(Graphics2D g, double shakeX, double shakeY, double time) {
        double extent = distractor.size() * size;
        // drift, re-entering on the other side: positions wrap over [-0.25, 1.25] of the frame
        double x = wrap(distractor.startX() + distractor.velX() * time) * size + shakeX;
        double y = wrap(distractor.startY() + distractor.velY() * time) * size + shakeY;
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(distractor.spin() * time);
        g.setColor(distractorColour);
        g.fill(distractorShape.of(distractor.kind(), extent));
        g.setTransform(saved);
    }

    private static double wrap(double position) {
        double span = 1.5;
        double shifted = (position + 0.25) % span;
        return (shifted < 0 ? shifted + span : shifted) - 0.25;
    }

    private static BufferedImage paintBackground(int extent, SceneVariation scene) {
        BufferedImage image = new BufferedImage(extent, extent, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color a = new Color(scene.backgroundA());
            Color b = new Color(scene.backgroundB());
            switch (scene.background()) {
                case PLAIN -> {
                    g.setColor(a);
                    g.fillRect(0, 0, extent, extent);
                }
                case GRADIENT -> {
                    double c = extent / 2.0;
                    double dx = Math.cos(scene.gradientAngle()) * c;
                    double dy = Math.sin(scene.gradientAngle()) * c;
                    g.setPaint(new GradientPaint((float) (c - dx), (float) (c - dy), a, (float) (c + dx), (float) (c + dy), b));
                    g.fillRect(0, 0, extent, extent);
                }
                case TEXTURED -> paintTexture(g, extent, scene, a, b);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Shelves, frames, stripes and blobs in the two background colours and their shades. */
    private static void paintTexture(Graphics2D g, int extent, SceneVariation scene, Color a, Color b) {
        SplittableRandom rng = new SplittableRandom(scene.textureSeed());
        g.setColor(a);
        g.fillRect(0, 0, extent, extent);
        Color[] palette = {
            b, new Color(Colours.scale(scene.backgroundA(), 0.85)), new Color(Colours.scale(scene.backgroundB(), 0.88)),
            new Color(Colours.scale(scene.backgroundA(), 1.12)),
        };
        int shapes = 25 + rng.nextInt(30);
        for (int i = 0; i < shapes; i++) {
            g.setColor(palette[rng.nextInt(palette.length)]);
            double x = rng.nextDouble() * extent;
            double y = rng.nextDouble() * extent;
            double w = extent * (0.04 + rng.nextDouble() * 0.3);
            double h = extent * (0.04 + rng.nextDouble() * 0.3);
            switch (rng.nextInt(4)) {
                case 0 -> g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
                case 1 -> g.fill(new Ellipse2D.Double(x - w / 2, y - h / 2, w, h));
                case 2 -> {
                    g.setStroke(new BasicStroke((float) (extent * (0.01 + rng.nextDouble() * 0.03))));
                    g.draw(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
                }
                default -> g.fill(new Rectangle2D.Double(0, y, extent, extent * (0.01 + rng.nextDouble() * 0.05)));
            }
        }
    }

    /** Reused distractor outlines: a square, a disc or a triangle of a given extent, centred on 0. */
    private static final class DistractorOutline {
        private final Rectangle2D.Double square = new Rectangle2D.Double();
        private final Ellipse2D.Double disc = new Ellipse2D.Double();
        private final Path2D.Double triangle = new Path2D.Double();

        java.awt.Shape of(int kind, double extent) {
            double h = extent / 2;
            switch (kind) {
                case 0:
                    square.setRect(-h, -h * 0.7, extent, extent * 0.7);
                    return square;
                case 1:
                    disc.setFrame(-h, -h, extent, extent);
                    return disc;
                default:
                    triangle.reset();
                    triangle.moveTo(0, -h);
                    triangle.lineTo(h, h);
                    triangle.lineTo(-h, h);
                    triangle.closePath();
                    return triangle;
            }
        }
    }
}
