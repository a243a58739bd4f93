package dev.signstream.synth.render;

import dev.signstream.synth.sign.HandShape;
import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.util.EnumMap;
import java.util.Map;

/**
 * Outlines of each hand shape in hand-local body units: palm centre at the origin, fingers
 * pointing to -y, thumb on the -x side (the side towards the body's midline for a dominant hand
 * whose palm faces the camera). Built once; immutable.
 */
final class HandShapes {

    /** Distance from the palm centre to the wrist, body units, before the signer's hand scale. */
    static final double WRIST_OFFSET = 0.3;
    /** The farthest any shape reaches from the palm centre, body units, before the hand scale. */
    static final double REACH = 0.95;

    /** Width of the dark outline around a hand, body units (before the hand scale). */
    static final float OUTLINE = 0.06f;

    private static final Map<HandShape, Shape> SHAPES = build();
    private static final Map<HandShape, Shape> OUTLINED = outline(SHAPES);

    private HandShapes() {
    }

    static Shape of(HandShape shape) {
        return SHAPES.get(shape);
    }

    /** The shape grown by half the outline width all round: filled dark under the hand, it draws the outline. */
    static Shape outlined(HandShape shape) {
        return OUTLINED.get(shape);
    }

    private static Map<HandShape, Shape> outline(Map<HandShape, Shape> shapes) {
        BasicStroke stroke = new BasicStroke(OUTLINE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        Map<HandShape, Shape> outlined = new EnumMap<>(HandShape.class);
        for (Map.Entry<HandShape, Shape> e : shapes.entrySet()) {
            Area area = new Area(e.getValue());
            area.add(new Area(stroke.createStrokedShape(e.getValue())));
            outlined.put(e.getKey(), area);
        }
        return outlined;
    }

    private static Map<HandShape, Shape> build() {
        Map<HandShape, Shape> shapes = new EnumMap<>(HandShape.class);
        shapes.put(HandShape.RELAXED, union(palm(),
                new RoundRectangle2D.Double(-0.22, -0.54, 0.44, 0.44, 0.2, 0.2),
                finger(-0.22, 0.02, -0.45, 0.28, 0.14)));
        shapes.put(HandShape.FLAT, union(palm(),
                new RoundRectangle2D.Double(-0.23, -0.8, 0.46, 0.7, 0.2, 0.2),
                finger(-0.22, 0.08, -0.5, 0.38, 0.15)));
        shapes.put(HandShape.FIST, fist());
        shapes.put(HandShape.POINT, union(fist(), finger(-0.12, -0.2, 0, 0.7, 0.15)));
        shapes.put(HandShape.V, union(fist(), finger(-0.12, -0.2, -0.25, 0.68, 0.15), finger(0.08, -0.2, 0.25, 0.68, 0.15)));
        shapes.put(HandShape.OPEN, union(palm(),
                finger(-0.17, -0.16, -0.42, 0.6, 0.14), finger(-0.06, -0.2, -0.14, 0.66, 0.14),
                finger(0.06, -0.2, 0.14, 0.63, 0.14), finger(0.17, -0.16, 0.42, 0.5, 0.14),
                finger(-0.22, 0.04, -1.15, 0.46, 0.15)));
        Area ring = new Area(new Ellipse2D.Double(-0.33, -0.78, 0.66, 0.66));
        ring.subtract(new Area(new Ellipse2D.Double(-0.16, -0.61, 0.32, 0.32)));
        ring.add(new Area(new RoundRectangle2D.Double(-0.22, -0.2, 0.44, 0.46, 0.2, 0.2)));
        shapes.put(HandShape.O, ring);
        shapes.put(HandShape.Y, union(fist(), finger(-0.2, -0.05, -1.05, 0.48, 0.15), finger(0.18, -0.2, 0.4, 0.56, 0.14)));
        return shapes;
    }

    private static Shape palm() {
        return new RoundRectangle2D.Double(-0.25, -0.22, 0.5, 0.5, 0.22, 0.22);
    }

    private static Shape fist() {
        return new RoundRectangle2D.Double(-0.28, -0.3, 0.56, 0.58, 0.3, 0.3);
    }

    /** A finger from base (x, y), turned {@code angle} radians from straight up (+ towards +x). */
    private static Shape finger(double x, double y, double angle, double length, double width) {
        Shape straight = new RoundRectangle2D.Double(-width / 2, -length, width, length + width / 2, width, width);
        AffineTransform at = AffineTransform.getTranslateInstance(x, y);
        at.rotate(angle);
        return at.createTransformedShape(straight);
    }

    private static Area union(Shape... parts) {
        Area area = new Area();
        for (Shape part : parts) {
            area.add(new Area(part));
        }
        return area;
    }
}
