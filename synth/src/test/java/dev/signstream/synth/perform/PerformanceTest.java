package dev.signstream.synth.perform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.synth.SynthFixtures;
import dev.signstream.synth.lexicon.Sentence;
import dev.signstream.synth.lexicon.Sentences;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerPool;
import dev.signstream.synth.signer.SignerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceTest {

    private final Vocabulary vocabulary = Vocabulary.standard();

    @Test
    void everySignLastsAboutOneSecondAtNominalSpeedAndStaysWithinThirtyPercent() {
        SignerProfile signer = SynthFixtures.signer(SignerPool.TRAIN, 0);
        for (SignDefinition sign : vocabulary.signs()) {
            double nominal = SynthFixtures.choreographer(signer, 1.0, 1).isolatedSign(sign).timeline().signs().get(0).duration();
            double slow = SynthFixtures.choreographer(signer, SceneVariation.MIN_SPEED, 1).isolatedSign(sign).timeline().signs().get(0).duration();
            double fast = SynthFixtures.choreographer(signer, SceneVariation.MAX_SPEED, 1).isolatedSign(sign).timeline().signs().get(0).duration();
            assertThat(nominal).as("nominal duration of %s", sign.gloss()).isBetween(0.8, 1.65);
            assertThat(slow / nominal).as("slowest of %s", sign.gloss()).isBetween(1.25, 1.6);
            assertThat(fast / nominal).as("fastest of %s", sign.gloss()).isBetween(0.65, 0.85);
        }
    }

    @Test
    void isolatedSignsRestBeforeAndAfterAndMoveFarFromRestInside() {
        for (int s = 0; s < 4; s++) {
            SignerProfile signer = SynthFixtures.signer(SignerPool.TRAIN, s);
            for (SignDefinition sign : vocabulary.signs()) {
                Choreographer.Clip clip = SynthFixtures.choreographer(signer, signer.speed(), 7 + s).isolatedSign(sign);
                PlacedSign placed = clip.timeline().signs().get(0);
                assertThat(placed.start()).isBetween(Choreographer.LEAD_MIN, Choreographer.LEAD_MAX);
                assertThat(clip.seconds() - placed.end()).isBetween(Choreographer.LEAD_MIN, Choreographer.LEAD_MAX);
                SynthFixtures.assertRestOutsideAndMovingInside(clip, 15);
            }
        }
    }

    @Test
    void sentencesKeepTheirGlossOrderAndRestOrHandOverBetweenSigns() {
        SignerProfile signer = SynthFixtures.signer(SignerPool.VAL, 3);
        int handOvers = 0;
        int rests = 0;
        for (Sentence sentence : Sentences.standard().all()) {
            Choreographer.Clip clip = SynthFixtures.choreographer(signer, 1.0, sentence.id().hashCode()).sentence(sentence, vocabulary);
            List<PlacedSign> signs = clip.timeline().signs();
            assertThat(signs.stream().map(s -> s.sign().gloss()).toList()).isEqualTo(sentence.glosses());
            for (int i = 0; i + 1 < signs.size(); i++) {
                double gap = signs.get(i + 1).start() - signs.get(i).end();
                assertThat(gap).isGreaterThanOrEqualTo(-1e-12);
                if (gap < 1e-12) {
                    handOvers++;
                } else {
                    rests++;
                    assertThat(gap).isBetween(Choreographer.GAP_MIN, Choreographer.GAP_MAX);
                }
                assertThat(signs.get(i).wordIndex()).isEqualTo(i);
                assertThat(signs.get(i).sentenceId()).isEqualTo(sentence.id());
            }
            SynthFixtures.assertRestOutsideAndMovingInside(clip, 15);
        }
        assertThat(handOvers).isPositive();
        assertThat(rests).isPositive();
    }
}
