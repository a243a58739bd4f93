package dev.signstream.synth.render;

import dev.signstream.synth.sign.HandState;
import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.signer.Colours;
import dev.signstream.synth.signer.SignerProfile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Draws one signer's figure in body units (the caller sets the transform): the body (hair, torso,
 * neck, head and face), which a renderer draws once and reuses, then both arms and hands from a
 * {@link Pose}. Shapes and colours are built once per signer; per frame only the arms' lines change.
 */
final class FigurePainter {

    private static final double SHOULDER_Y = 0.25;
    private static final double UPPER_ARM = 1.72;
    private static final double FOREARM = 1.72;
    private static final float OUTLINE = 0.06f;
    private static final float ARM_WIDTH = 0.4f;

    private final SignerProfile signer;
    private final Color skin;
    private final Color skinLine;
    private final Color handFill;
    private final Color hair;
    private final Color clothing;
    private final Color clothingLine;
    private final Color sleeves;
    private final Color sleeveLine;
    private final Color features;
    private final Shape hairBack;
    private final Shape hairFront;
    private final Shape torso;
    private final Shape neck;
    private final Shape neckline;
    private final Shape head;
    private final Shape[] face;
    private final double shoulderX;
    private final double upperArm;
    private final double forearm;
    private final BasicStroke armStroke;
    private final BasicStroke armOutline;
    private final BasicStroke lineStroke = new BasicStroke(OUTLINE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private final BasicStroke featureStroke = new BasicStroke(0.07f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private final Path2D.Double arm = new Path2D.Double();
    private final double[] joints = new double[4];

    FigurePainter(SignerProfile signer) {
        this.signer = signer;
        skin = new Color(signer.skin());
        skinLine = new Color(Colours.scale(signer.skin(), 0.45));
        handFill = new Color(Colours.scale(signer.skin(), 1.04));
        hair = new Color(signer.hair());
        clothing = new Color(signer.clothing());
        clothingLine = new Color(Colours.scale(signer.clothing(), 0.6));
        sleeves = new Color(signer.sleeves());
        sleeveLine = new Color(Colours.scale(signer.sleeves(), 0.55));
        features = new Color(Colours.scale(signer.skin(), 0.3));
        double hs = signer.headScale();
        double headCy = -1.55;
        head = new Ellipse2D.Double(-0.66 * hs, headCy - 0.82 * hs, 1.32 * hs, 1.64 * hs);
        hairBack = hairBack(signer.hairStyle(), hs, headCy);
        hairFront = hairFront(signer.hairStyle(), hs, headCy);
        shoulderX = 1.25 * signer.shoulderScale();
        torso = torso(signer.shoulderScale());
        neck = new Rectangle2D.Double(-0.26, -1.0, 0.52, 1.1);
        neckline = signer.vNeck() ? vNeck() : new Ellipse2D.Double(-0.36, -0.14, 0.72, 0.34);
        face = face(hs, headCy);
        upperArm = UPPER_ARM * signer.armScale();
        forearm = FOREARM * signer.armScale();
        armStroke = new BasicStroke(ARM_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        armOutline = new BasicStroke(ARM_WIDTH + 2 * OUTLINE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Shoulder joint x, body units (the dominant one is at +x). */
    double shoulderX() {
        return shoulderX;
    }

    double upperArm() {
        return upperArm;
    }

    double forearm() {
        return forearm;
    }

    static double shoulderY() {
        return SHOULDER_Y;
    }

    /** The parts that never move relative to the body: hair, torso, neck, head and face. */
    void paintBody(Graphics2D g) {
        if (hairBack != null) {
            g.setColor(hair);
            g.fill(hairBack);
        }
        g.setColor(clothing);
        g.fill(torso);
        g.setColor(clothingLine);
        g.setStroke(lineStroke);
        g.draw(torso);
        g.setColor(skin);
        g.fill(neck);
        g.fill(neckline);
        g.fill(head);
        g.setColor(skinLine);
        g.draw(head);
        if (hairFront != null) {
            g.setColor(hair);
            g.fill(hairFront);
        }
        g.setColor(features);
        g.setStroke(featureStroke);
        for (Shape feature : face) {
            g.draw(feature);
        }
    }

    /** Arms and hands of {@code pose}, over the body. */
    void paintLimbs(Graphics2D g, Pose pose) {
        paintArm(g, pose.nondominant(), -1);
        paintArm(g, pose.dominant(), 1);
        paintHand(g, pose.nondominant(), true);
        paintHand(g, pose.dominant(), false);
    }

    private void paintArm(Graphics2D g, HandState hand, double side) {
        double reach = HandShapes.WRIST_OFFSET * signer.handScale();
        double wx = hand.x() - Math.sin(hand.angle()) * reach;
        double wy = hand.y() + Math.cos(hand.angle()) * reach;
        double sx = side * shoulderX;
        ArmSolver.solve(sx, SHOULDER_Y, wx, wy, upperArm, forearm, side, joints);
        // one polyline per arm, stroked twice (dark outline, then the sleeve)
        arm.reset();
        arm.moveTo(sx, SHOULDER_Y);
        arm.lineTo(joints[0], joints[1]);
        arm.lineTo(joints[2], joints[3]);
        g.setColor(sleeveLine);
        g.setStroke(armOutline);
        g.draw(arm);
        g.setColor(sleeves);
        g.setStroke(armStroke);
        g.draw(arm);
    }

    private void paintHand(Graphics2D g, HandState hand, boolean mirrored) {
        AffineTransform saved = g.getTransform();
        g.translate(hand.x(), hand.y());
        g.rotate(hand.angle());
        double scale = signer.handScale();
        g.scale(mirrored ? -scale : scale, scale);
        // filling the outline's silhouette and then the hand is much cheaper than stroking curves
        g.setColor(skinLine);
        g.fill(HandShapes.outlined(hand.shape()));
        g.setColor(handFill);
        g.fill(HandShapes.of(hand.shape()));
        g.setTransform(saved);
    }

    private static Shape torso(double shoulderScale) {
        double s = 1.55 * shoulderScale;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(-s, 0.55);
        path.quadTo(-s + 0.05, 0.0, -s + 0.5, -0.05);
        path.lineTo(s - 0.5, -0.05);
        path.quadTo(s - 0.05, 0.0, s, 0.55);
        path.lineTo(s - 0.3, 5.0);
        path.lineTo(-s + 0.3, 5.0);
        path.closePath();
        return path;
    }

    private static Shape vNeck() {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(-0.34, -0.06);
        path.lineTo(0.34, -0.06);
        path.lineTo(0, 0.6);
        path.closePath();
        return path;
    }

    private static Shape hairBack(int style, double hs, double cy) {
        return switch (style) {
            case 0 -> new Ellipse2D.Double(-0.72 * hs, cy - 0.92 * hs, 1.44 * hs, 1.3 * hs);
            case 1 -> new RoundRectangle2D.Double(-0.8 * hs, cy - 0.92 * hs, 1.6 * hs, 2.2 * hs, 0.8, 0.8);
            default -> null;
        };
    }

    private static Shape hairFront(int style, double hs, double cy) {
        if (style == 2) {
            return null;
        }
        Area fringe = new Area(new Ellipse2D.Double(-0.7 * hs, cy - 0.9 * hs, 1.4 * hs, 1.7 * hs));
        fringe.intersect(new Area(new Rectangle2D.Double(-1, cy - 1.2 * hs, 2, 0.72 * hs)));
        return fringe;
    }

    private static Shape[] face(double hs, double cy) {
        return new Shape[] {
            new Ellipse2D.Double(-0.3 * hs, cy - 0.12 * hs, 0.12 * hs, 0.08 * hs),
            new Ellipse2D.Double(0.18 * hs, cy - 0.12 * hs, 0.12 * hs, 0.08 * hs),
            new Line2D.Double(-0.36 * hs, cy - 0.28 * hs, -0.14 * hs, cy - 0.3 * hs),
            new Line2D.Double(0.14 * hs, cy - 0.3 * hs, 0.36 * hs, cy - 0.28 * hs),
            new Line2D.Double(0, cy - 0.02 * hs, 0.03 * hs, cy + 0.2 * hs),
            new Line2D.Double(-0.18 * hs, cy + 0.44 * hs, 0.18 * hs, cy + 0.44 * hs),
        };
    }
}
