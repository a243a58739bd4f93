package dev.signstream.synth.sign;

/** The hand shapes the renderer can draw; chosen to have distinct silhouettes at 112x112. */
public enum HandShape {
    /** Hanging hand at rest, fingers loosely together and slightly curled. */
    RELAXED,
    /** Fingers straight and together, thumb alongside. */
    FLAT,
    /** Closed hand. */
    FIST,
    /** Index finger extended. */
    POINT,
    /** Index and middle fingers spread. */
    V,
    /** All five fingers spread. */
    OPEN,
    /** Thumb and fingers forming a ring. */
    O,
    /** Thumb and little finger extended. */
    Y
}
