package dev.signstream.synth.render;

import dev.signstream.synth.perform.IdleMotion;
import dev.signstream.synth.perform.Performer;
import dev.signstream.synth.sign.Keyframe;
import dev.signstream.synth.sign.RestPose;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.sign.Vocabulary;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The box, in body units, that any part of any hand can reach while signing the vocabulary: the
 * outline of every keyframe's hand shape at the largest amplitude, hand size and angle error a
 * performance can have, plus the largest keyframe displacement and a little for the curve between
 * keyframes. Framing keeps this box inside the picture, so hands never leave the frame.
 */
final class SignSpace {

    /** Largest hand scale a signer can have. */
    private static final double MAX_HAND_SCALE = 1.08;
    /** Largest angle error of a keyframe, radians. */
    private static final double MAX_ANGLE_ERROR = Performer.MAX_ANGLE_ERROR;
    /** Largest keyframe displacement plus the curve's overshoot between keyframes, body units. */
    private static final double PATH_MARGIN = Performer.MAX_POSITION_ERROR + 0.1;

    static final Rectangle2D BOX = compute(Vocabulary.standard());

    private SignSpace() {
    }

    static Rectangle2D compute(Vocabulary vocabulary) {
        Rectangle2D box = null;
        box = include(box, RestPose.DOMINANT, 0, 0, 1, false);
        box = include(box, RestPose.NONDOMINANT, 0, 0, 1, true);
        for (SignDefinition sign : vocabulary.signs()) {
            box = includeScaled(box, sign.dominant(), false);
            box = includeScaled(box, sign.nondominant(), true);
        }
        double grow = PATH_MARGIN + IdleMotion.MAX_OFFSET;
        return new Rectangle2D.Double(box.getMinX() - grow, box.getMinY() - grow,
                box.getWidth() + 2 * grow, box.getHeight() + 2 * grow);
    }

    private static Rectangle2D includeScaled(Rectangle2D box, List<Keyframe> keys, boolean mirrored) {
        if (keys.isEmpty()) {
            return box;
        }
        double cx = keys.stream().mapToDouble(Keyframe::x).average().orElseThrow();
        double cy = keys.stream().mapToDouble(Keyframe::y).average().orElseThrow();
        for (Keyframe k : keys) {
            box = include(box, k, cx, cy, Performer.MAX_AMPLITUDE, mirrored);
        }
        return box;
    }

    private static Rectangle2D include(Rectangle2D box, Keyframe k, double cx, double cy, double amplitude, boolean mirrored) {
        double x = cx + (k.x() - cx) * amplitude;
        double y = cy + (k.y() - cy) * amplitude;
        for (double error : new double[] {-MAX_ANGLE_ERROR, 0, MAX_ANGLE_ERROR}) {
            AffineTransform at = AffineTransform.getTranslateInstance(x, y);
            at.rotate(k.angle() + error);
            at.scale(mirrored ? -MAX_HAND_SCALE : MAX_HAND_SCALE, MAX_HAND_SCALE);
            Rectangle2D bounds = at.createTransformedShape(HandShapes.of(k.shape())).getBounds2D();
            if (box == null) {
                box = bounds;
            } else {
                box.add(bounds);
            }
        }
        return box;
    }
}
