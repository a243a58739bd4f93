package dev.signstream.synth.render;

import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerProfile;
import java.awt.geom.Rectangle2D;

/**
 * Where the signer sits in the picture: pixels per body unit and the pixel position of the body
 * origin. Size and position vary with the scene, but the whole {@link SignSpace} (plus camera
 * shake) always stays inside the frame. A right-handed signer faces the camera, so their dominant
 * side (+x in body units) appears on the picture's left; a left-handed one is mirrored.
 *
 * @param pixelsPerUnit scale
 * @param originX       pixel x of the body origin (between the shoulders)
 * @param originY       pixel y of the body origin
 * @param mirror        -1 when body +x points to picture left (right-handed), +1 otherwise
 */
public record Framing(double pixelsPerUnit, double originX, double originY, double mirror) {

    /** Smallest figure relative to the largest that fits. */
    static final double MIN_SCALE = 0.8;

    public static Framing of(int size, SignerProfile signer, SceneVariation scene) {
        Rectangle2D box = SignSpace.BOX;
        double margin = Math.ceil(scene.shakePixels()) + 2;
        double usable = size - 2 * margin;
        double fit = usable / Math.max(box.getWidth(), box.getHeight());
        double ppu = fit * (MIN_SCALE + (1 - MIN_SCALE) * scene.framingScale());
        double mirror = signer.leftHanded() ? 1 : -1;
        double imageMinX = Math.min(mirror * box.getMinX(), mirror * box.getMaxX());
        double freeX = usable - box.getWidth() * ppu;
        double freeY = usable - box.getHeight() * ppu;
        double left = margin + freeX * (scene.framingOffsetX() + 1) / 2;
        double top = margin + freeY * (scene.framingOffsetY() + 1) / 2;
        return new Framing(ppu, left - ppu * imageMinX, top - ppu * box.getMinY(), mirror);
    }

    public double pixelX(double bodyX) {
        return originX + mirror * bodyX * pixelsPerUnit;
    }

    public double pixelY(double bodyY) {
        return originY + bodyY * pixelsPerUnit;
    }

    /** The sign space in pixels: every hand stays inside it. */
    public Rectangle2D signSpacePixels() {
        Rectangle2D box = SignSpace.BOX;
        double x0 = pixelX(box.getMinX());
        double x1 = pixelX(box.getMaxX());
        return new Rectangle2D.Double(Math.min(x0, x1), pixelY(box.getMinY()), Math.abs(x1 - x0), box.getHeight() * pixelsPerUnit);
    }
}
