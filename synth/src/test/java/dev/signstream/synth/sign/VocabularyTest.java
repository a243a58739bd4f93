package dev.signstream.synth.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private final Vocabulary vocabulary = Vocabulary.standard();

    @Test
    void hasAtLeastThirtySignsWithUniqueGlossesAndIdleFirst() {
        assertThat(vocabulary.size()).isGreaterThanOrEqualTo(30);
        List<String> labels = vocabulary.labels();
        assertThat(labels.get(0)).isEqualTo("<idle>");
        assertThat(new HashSet<>(labels)).hasSize(labels.size());
        for (int i = 1; i < labels.size(); i++) {
            assertThat(vocabulary.byLabel(i).gloss()).isEqualTo(labels.get(i));
            assertThat(vocabulary.sign(labels.get(i)).label()).isEqualTo(i);
        }
    }

    @Test
    void familiesShareHandShapesAndPlaceButNotMotion() {
        Map<String, List<SignDefinition>> families = new LinkedHashMap<>();
        vocabulary.signs().forEach(s -> families.computeIfAbsent(s.family(), f -> new java.util.ArrayList<>()).add(s));
        assertThat(families).hasSizeGreaterThanOrEqualTo(10);
        for (List<SignDefinition> family : families.values()) {
            assertThat(family).hasSizeGreaterThanOrEqualTo(2);
            Set<Set<HandShape>> shapeSets = new HashSet<>();
            Set<List<List<Keyframe>>> motions = new HashSet<>();
            for (SignDefinition sign : family) {
                shapeSets.add(shapes(sign));
                motions.add(List.of(sign.dominant(), sign.nondominant()));
            }
            assertThat(shapeSets).as("hand shapes of family %s", family.get(0).family()).hasSize(1);
            assertThat(motions).as("motions of family %s", family.get(0).family()).hasSize(family.size());
            double[] centre = centre(family.get(0));
            for (SignDefinition sign : family) {
                double[] c = centre(sign);
                assertThat(Math.hypot(c[0] - centre[0], c[1] - centre[1]))
                        .as("place of %s vs its family", sign.gloss()).isLessThan(0.45);
            }
        }
    }

    private static Set<HandShape> shapes(SignDefinition sign) {
        Set<HandShape> shapes = new HashSet<>();
        sign.dominant().forEach(k -> shapes.add(k.shape()));
        sign.nondominant().forEach(k -> shapes.add(k.shape()));
        return shapes;
    }

    private static double[] centre(SignDefinition sign) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Keyframe k : sign.dominant()) {
            minX = Math.min(minX, k.x());
            maxX = Math.max(maxX, k.x());
            minY = Math.min(minY, k.y());
            maxY = Math.max(maxY, k.y());
        }
        return new double[] {(minX + maxX) / 2, (minY + maxY) / 2};
    }

    @Test
    void unknownGlossesAreNamedInTheError() {
        assertThatThrownBy(() -> vocabulary.sign("비행기")).hasMessageContaining("비행기");
        assertThatThrownBy(() -> vocabulary.byLabel(0)).hasMessageContaining("1..");
    }

    @Test
    void handTrackPassesThroughKeyframesAndHoldsAtTheEnds() {
        HandTrack track = new HandTrack(List.of(
                new Keyframe(0, 0, 0, 0, HandShape.FLAT),
                new Keyframe(0.5, 1, 0, 0, HandShape.FLAT),
                new Keyframe(1.0, 1, 1, 0, HandShape.FIST)));
        HandState out = new HandState();
        track.sample(0.5, out);
        assertThat(out.x()).isEqualTo(1.0);
        assertThat(out.y()).isEqualTo(0.0);
        track.sample(-1, out);
        assertThat(out.x()).isEqualTo(0.0);
        track.sample(2, out);
        assertThat(out.y()).isEqualTo(1.0);
        assertThat(out.shape()).isEqualTo(HandShape.FIST);
        track.sample(0.7, out);
        assertThat(out.shape()).isEqualTo(HandShape.FLAT);
        assertThatThrownBy(() -> new HandTrack(List.of(new Keyframe(1, 0, 0, 0, HandShape.FLAT), new Keyframe(1, 0, 0, 0, HandShape.FLAT))))
                .hasMessageContaining("increase");
    }

    @Test
    void anglesTurnTheShortWay() {
        HandTrack track = new HandTrack(List.of(
                new Keyframe(0, 0, 0, Math.PI - 0.1, HandShape.FLAT),
                new Keyframe(1, 0, 0, -Math.PI + 0.1, HandShape.FLAT)));
        HandState out = new HandState();
        track.sample(0.5, out);
        assertThat(Math.abs(Math.cos(out.angle()) + 1)).isLessThan(1e-6);
    }
}
