package dev.signstream.synth.sign;

import static dev.signstream.synth.sign.Motions.circle;
import static dev.signstream.synth.sign.Motions.hold;
import static dev.signstream.synth.sign.Motions.mirrored;
import static dev.signstream.synth.sign.Motions.outerArcSwing;
import static dev.signstream.synth.sign.Motions.shake;
import static dev.signstream.synth.sign.Motions.through;
import static dev.signstream.synth.sign.Motions.via;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed vocabulary: 39 signs named by KSL glosses of everyday words, plus the idle label.
 *
 * <p>The movements are invented for this synthetic signer (loosely inspired by KSL, not real KSL).
 * They come in 13 families of three. The signs of a family share place and hand shape and differ
 * only in path, direction or repetition (a circle one way, the other way, or a swing; a stroke out,
 * back in, or shaken), so no single frame tells them apart, while the motion over time does.
 *
 * <p>The label order is part of the data contract ({@code labels.json}): append, never reorder.
 */
public final class Vocabulary {

    /** Label of the idle (hands at rest) class; always class 0. */
    public static final String IDLE = "<idle>";

    private static final double UP = 0;
    /** Three strokes of a shaken sign take this much longer than the single stroke of its siblings. */
    private static final double SHAKE_STRETCH = 1.35;
    private static final Vocabulary STANDARD = build();

    private final List<SignDefinition> signs;
    private final Map<String, SignDefinition> byGloss;

    private Vocabulary(List<SignDefinition> signs) {
        this.signs = List.copyOf(signs);
        Map<String, SignDefinition> map = new LinkedHashMap<>();
        for (SignDefinition sign : signs) {
            if (map.put(sign.gloss(), sign) != null) {
                throw new IllegalStateException("duplicate gloss " + sign.gloss());
            }
        }
        this.byGloss = Collections.unmodifiableMap(map);
    }

    /** The one vocabulary the corpus, the live cameras and the shipped model use. */
    public static Vocabulary standard() {
        return STANDARD;
    }

    /** Signs in label order (labels 1..n). */
    public List<SignDefinition> signs() {
        return signs;
    }

    public int size() {
        return signs.size();
    }

    /** All labels in class order: {@value #IDLE} first, then every gloss. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add(IDLE);
        signs.forEach(s -> labels.add(s.gloss()));
        return List.copyOf(labels);
    }

    public boolean contains(String gloss) {
        return byGloss.containsKey(gloss);
    }

    /** @throws IllegalArgumentException naming the gloss if it is not in the vocabulary */
    public SignDefinition sign(String gloss) {
        SignDefinition sign = byGloss.get(gloss);
        if (sign == null) {
            throw new IllegalArgumentException("unknown gloss '" + gloss + "'; the vocabulary has " + byGloss.keySet());
        }
        return sign;
    }

    /** The sign with class id {@code label} (1..size). */
    public SignDefinition byLabel(int label) {
        if (label < 1 || label > signs.size()) {
            throw new IllegalArgumentException("sign labels are 1.." + signs.size() + ", got " + label);
        }
        return signs.get(label - 1);
    }

    private static Vocabulary build() {
        Builder b = new Builder();
        HandShape flat = HandShape.FLAT;
        HandShape fist = HandShape.FIST;
        HandShape point = HandShape.POINT;

        // F1 flat hand on the chest, dominant side
        b.rotation("chest-flat", 0.45, 0.95, 0.5, flat, -0.45, 0.8,
                "사랑", "미안합니다", "괜찮아요", "flat hand on the chest");
        // F2 index finger beside the temple, pointing at the head
        b.rotation("temple-point", 1.3, -1.2, 0.36, point, -0.9, 0.65,
                "알다", "모르다", "기다리다", "index finger beside the temple");
        // F3 fist in front of the belly
        b.rotation("belly-fist", 0.35, 2.0, 0.45, fist, UP, 0.8,
                "배고프다", "아프다", "약", "fist in front of the belly");
        // F4 flat hand from the forehead out to the side of the head
        b.stroke("forehead-flat", via(0.75, -1.85, flat), via(1.75, -1.45, flat), -1.2, 0.45,
                "안녕하세요", "네", "아니요", "flat hand between the forehead and the side of the head");
        // F5 index finger across the chest, pointing to the dominant side
        b.stroke("chest-point", via(0.05, 0.6, point), via(1.7, 0.75, point), 1.35, 0.45,
                "너", "나", "어디", "index finger between the chest and the dominant side");
        // F6 V hand between the shoulder and the hip
        b.stroke("side-v", via(0.6, -0.3, HandShape.V), via(1.15, 1.75, HandShape.V), 0.3, 0.45,
                "가다", "오다", "부르다", "V hand between shoulder height and the hip");
        // F7 Y hand from the cheek forwards and down
        b.stroke("cheek-y", via(0.95, -0.95, HandShape.Y), via(1.75, -0.2, HandShape.Y), 0.6, 0.45,
                "내일", "집", "화장실", "Y hand between the cheek and the front of the shoulder");
        // F8 open hand closing into a ring at the mouth
        b.stroke("mouth-grab", via(0.4, 0.15, HandShape.OPEN), via(0.2, -0.95, HandShape.O), -0.3, 0.45,
                "먹다", "마시다", "밥", "open hand below the chin, ring hand at the mouth");
        // F9 fist in front of the body opening into a spread hand further out
        b.stroke("front-release", via(0.55, 1.35, fist), via(1.65, 1.0, HandShape.OPEN), 0.6, 0.45,
                "주세요", "필요하다", "물", "fist in front of the body, open hand further out");
        // F10 both flat hands, fingers inwards, apart at the sides or together in front
        b.bothHands("two-flat", via(1.6, 1.35, flat), via(0.38, 1.35, flat), -1.1, 0.5,
                "만나다", "가족", "친구", "both flat hands between the sides and the middle");
        // F11 both fists up and down in front of the chest
        b.twoFistColumns("two-fist", 0.85, 0.35, 1.75,
                "반갑다", "학교", "오늘", "both fists in front of the chest");
        // F12 flat dominant hand over the flat, palm-up non-dominant hand
        b.onPalm("palm-base", "도움", "의사", "감사합니다");
        // F13 index finger towards the upright non-dominant palm
        b.towardsWall("wall-point", "병원", "이름", "무엇");
        return new Vocabulary(b.signs);
    }

    /** Collects the families in label order. */
    private static final class Builder {

        private final List<SignDefinition> signs = new ArrayList<>();

        private void add(String gloss, String family, String description, List<Keyframe> dominant, List<Keyframe> nondominant) {
            signs.add(new SignDefinition(gloss, signs.size() + 1, family, description, dominant, nondominant));
        }

        /** circle outwards over the top, circle inwards over the top, swing twice along the outer half. */
        void rotation(String family, double cx, double cy, double r, HandShape shape, double angle, double seconds,
                      String outward, String inward, String swing, String place) {
            add(outward, family, place + ": one circle, moving outwards over the top", circle(cx, cy, r, true, seconds, shape, angle), List.of());
            add(inward, family, place + ": one circle, moving inwards over the top", circle(cx, cy, r, false, seconds, shape, angle), List.of());
            add(swing, family, place + ": swings twice down and up along the outer half of the circle",
                    outerArcSwing(cx, cy, r, 2, seconds, shape, angle), List.of());
        }

        /** a to b, b to a, shaken a-b-a-b-a. */
        void stroke(String family, Motions.Via a, Motions.Via b, double angle, double seconds,
                    String forward, String backward, String shaken, String place) {
            add(forward, family, place + ": one stroke " + describe(a, b), through(seconds, angle, a, b), List.of());
            add(backward, family, place + ": one stroke " + describe(b, a), through(seconds, angle, b, a), List.of());
            add(shaken, family, place + ": three quick strokes, there, back and there again",
                    shake(a, b, 3, seconds * SHAKE_STRETCH, angle), List.of());
        }

        /** Both hands mirrored: together, apart, shaken. */
        void bothHands(String family, Motions.Via apart, Motions.Via together, double angle, double seconds,
                       String meet, String part, String shaken, String place) {
            List<Keyframe> in = through(seconds, angle, apart, together);
            List<Keyframe> out = through(seconds, angle, together, apart);
            List<Keyframe> shakes = shake(apart, together, 3, seconds * SHAKE_STRETCH, angle);
            add(meet, family, place + ": the hands move together", in, mirrored(in));
            add(part, family, place + ": the hands move apart", out, mirrored(out));
            add(shaken, family, place + ": the hands move together, apart and together again, quickly", shakes, mirrored(shakes));
        }

        /** Fists in two columns: alternating, in step, or down together and then apart. */
        void twoFistColumns(String family, double x, double top, double bottom,
                            String alternating, String inStep, String downThenApart, String place) {
            HandShape fist = HandShape.FIST;
            Motions.Via high = via(x, top, fist);
            Motions.Via low = via(x, bottom, fist);
            add(alternating, family, place + ": fists move up and down in turn, twice",
                    shake(high, low, 4, 0.8, UP), shake(mirror(low), mirror(high), 4, 0.8, UP));
            add(inStep, family, place + ": fists move up and down together, twice",
                    shake(high, low, 4, 0.8, UP), mirrored(shake(high, low, 4, 0.8, UP)));
            List<Keyframe> downOut = through(0.6, UP, high, low, via(x + 0.7, bottom - 0.15, fist));
            add(downThenApart, family, place + ": fists move down together, then apart", downOut, mirrored(downOut));
        }

        /** Non-dominant flat palm up as a base; the dominant flat hand circles over it or taps it. */
        void onPalm(String family, String outward, String inward, String taps) {
            double cx = 0.3;
            double cy = 1.0;
            double r = 0.32;
            double angle = -0.1;
            HandShape flat = HandShape.FLAT;
            List<Keyframe> tapping = shake(via(cx, cy - r, flat), via(cx, cy + r, flat), 4, 0.7, angle);
            String place = "flat hand over the palm-up other hand";
            add(outward, family, place + ": one circle, moving outwards over the top",
                    circle(cx, cy, r, true, 0.8, flat, angle), hold(-0.2, 1.65, -1.5, flat, 0.8));
            add(inward, family, place + ": one circle, moving inwards over the top",
                    circle(cx, cy, r, false, 0.8, flat, angle), hold(-0.2, 1.65, -1.5, flat, 0.8));
            add(taps, family, place + ": taps the palm twice",
                    tapping, hold(-0.2, 1.65, -1.5, flat, 0.7));
        }

        /** Non-dominant flat hand upright as a wall; the dominant index finger comes in, goes out, or shakes. */
        void towardsWall(String family, String in, String out, String shaken) {
            HandShape point = HandShape.POINT;
            Motions.Via far = via(1.7, 0.85, point);
            Motions.Via near = via(0.55, 0.85, point);
            double angle = -1.45;
            String place = "index finger pointing at the upright other hand";
            List<Keyframe> wall = hold(-0.45, 0.85, UP, HandShape.FLAT, 0.45);
            add(in, family, place + ": moves in towards it", through(0.45, angle, far, near), wall);
            add(out, family, place + ": moves out away from it", through(0.45, angle, near, far), wall);
            double shakeSeconds = 0.45 * SHAKE_STRETCH;
            add(shaken, family, place + ": three quick strokes, in, out and in again",
                    shake(far, near, 3, shakeSeconds, angle), hold(-0.45, 0.85, UP, HandShape.FLAT, shakeSeconds));
        }

        private static Motions.Via mirror(Motions.Via v) {
            return via(-v.x(), v.y(), v.shape());
        }

        private static String name(HandShape shape) {
            return shape == HandShape.O ? "ring" : shape.name().toLowerCase(java.util.Locale.ROOT);
        }

        private static String describe(Motions.Via from, Motions.Via to) {
            String direction = Math.abs(to.x() - from.x()) >= Math.abs(to.y() - from.y())
                    ? (to.x() > from.x() ? "outwards" : "inwards")
                    : (to.y() > from.y() ? "downwards" : "upwards");
            String shapes = from.shape() == to.shape() ? "" : ", " + name(from.shape()) + " to " + name(to.shape());
            return direction + shapes;
        }
    }
}
