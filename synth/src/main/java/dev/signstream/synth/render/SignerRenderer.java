package dev.signstream.synth.render;

import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerProfile;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Renders one signer in one scene into square RGB24 frames. What a frame shows depends only on
 * the pose, the time and the frame index, so frames can be rendered in any order and the same
 * inputs always give the same bytes. Holds a canvas: one renderer per thread, close it when done.
 */
public final class SignerRenderer implements AutoCloseable {

    /** Smallest and largest supported frame edge in pixels. */
    public static final int MIN_SIZE = 48;
    public static final int MAX_SIZE = 1024;
    /** Largest sideways sway of the body, body units (vertical sway is half of it). */
    static final double MAX_SWAY = 0.03;

    private final int size;
    private final SignerProfile signer;
    private final SceneVariation scene;
    private final Framing framing;
    private final Backdrop backdrop;
    private final FigurePainter figure;
    private final PixelFinisher finisher;
    private final BufferedImage body;
    private final int bodyPad;
    private final BufferedImage canvas;
    private final int[] canvasPixels;
    private final Graphics2D g;
    private final AffineTransform base;
    private final double swayPhase;
    private final double shakePhaseX;
    private final double shakePhaseY;

    public SignerRenderer(int size, SignerProfile signer, SceneVariation scene) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("frame size must be " + MIN_SIZE + ".." + MAX_SIZE + " pixels, got " + size);
        }
        this.size = size;
        this.signer = signer;
        this.scene = scene;
        this.framing = Framing.of(size, signer, scene);
        this.backdrop = new Backdrop(size, scene);
        this.figure = new FigurePainter(signer);
        this.finisher = new PixelFinisher(size, scene);
        this.bodyPad = (int) Math.ceil(scene.shakePixels() + MAX_SWAY * framing.pixelsPerUnit()) + 1;
        this.body = paintBody(size + 2 * bodyPad, bodyPad, framing, figure);
        this.canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        this.canvasPixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        this.g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        this.base = g.getTransform();
        long seed = scene.noiseSeed();
        this.swayPhase = (seed & 0xFFFF) / 65536.0 * 2 * Math.PI;
        this.shakePhaseX = (seed >>> 16 & 0xFFFF) / 65536.0 * 2 * Math.PI;
        this.shakePhaseY = (seed >>> 32 & 0xFFFF) / 65536.0 * 2 * Math.PI;
    }

    /** The body never moves relative to itself: draw it once, blit it every frame. */
    private static BufferedImage paintBody(int extent, int pad, Framing framing, FigurePainter figure) {
        BufferedImage image = new BufferedImage(extent, extent, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.translate(pad + framing.originX(), pad + framing.originY());
            g.scale(framing.mirror() * framing.pixelsPerUnit(), framing.pixelsPerUnit());
            figure.paintBody(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    public int size() {
        return size;
    }

    public SignerProfile signer() {
        return signer;
    }

    public SceneVariation scene() {
        return scene;
    }

    public Framing framing() {
        return framing;
    }

    /**
     * Draws {@code pose} as seen at {@code time} seconds (sway, shake, distractor, flicker) with the
     * noise of frame {@code frame}, into {@code rgbOut} ({@code size * size * 3} bytes).
     */
    public void render(Pose pose, double time, long frame, byte[] rgbOut) {
        if (rgbOut.length != size * size * 3) {
            throw new IllegalArgumentException("output must hold " + (size * size * 3) + " bytes, got " + rgbOut.length);
        }
        double shakeX = scene.shakePixels() * (0.6 * Math.sin(2 * Math.PI * 1.3 * time + shakePhaseX)
                + 0.4 * Math.sin(2 * Math.PI * 2.9 * time + shakePhaseY));
        double shakeY = scene.shakePixels() * (0.6 * Math.sin(2 * Math.PI * 1.1 * time + shakePhaseY)
                + 0.4 * Math.sin(2 * Math.PI * 3.3 * time + shakePhaseX));
        g.setTransform(base);
        backdrop.paint(g, shakeX, shakeY, time);
        // the body sways a little; hands are in body units, so they sway with it. Body, arms and
        // hands move together by whole pixels, so the pre-drawn body lines up with the limbs.
        double swayX = MAX_SWAY * Math.sin(2 * Math.PI * 0.23 * time + swayPhase);
        double swayY = 0.5 * MAX_SWAY * Math.sin(2 * Math.PI * 0.31 * time + 2 * swayPhase);
        int dx = (int) Math.round(shakeX + framing.mirror() * swayX * framing.pixelsPerUnit());
        int dy = (int) Math.round(shakeY + swayY * framing.pixelsPerUnit());
        g.drawImage(body, dx - bodyPad, dy - bodyPad, null);
        g.translate(framing.originX() + dx, framing.originY() + dy);
        g.scale(framing.mirror() * framing.pixelsPerUnit(), framing.pixelsPerUnit());
        figure.paintLimbs(g, pose);
        double flicker = 1 + 0.012 * Math.sin(2 * Math.PI * 2.7 * time + swayPhase);
        finisher.finish(canvasPixels, flicker, frame, rgbOut);
    }

    @Override
    public void close() {
        g.dispose();
    }
}
