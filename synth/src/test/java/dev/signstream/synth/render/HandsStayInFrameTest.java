package dev.signstream.synth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.synth.SynthFixtures;
import dev.signstream.synth.perform.Choreographer;
import dev.signstream.synth.perform.FrameClock;
import dev.signstream.synth.perform.PlacedSign;
import dev.signstream.synth.sign.HandState;
import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerPool;
import dev.signstream.synth.signer.SignerProfile;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Hands must stay visible: inside the sign space, the sign space inside the picture, arms long enough. */
class HandsStayInFrameTest {

    private static final int FPS = 15;

    @Test
    void everyHandOfEverySignStaysInsideTheSignSpaceAndWithinReach() {
        Rectangle2D box = SignSpace.BOX;
        Pose pose = new Pose();
        double[] joints = new double[4];
        for (int s = 0; s < 40; s++) {
            SignerProfile signer = SynthFixtures.signer(SignerPool.TRAIN, s);
            FigurePainter figure = new FigurePainter(signer);
            for (SignDefinition sign : Vocabulary.standard().signs()) {
                Choreographer.Clip clip = SynthFixtures.choreographer(signer, signer.speed(), s * 100L + sign.label()).isolatedSign(sign);
                PlacedSign placed = clip.timeline().signs().get(0);
                for (long i = placed.startFrame(FPS); i < placed.endFrame(FPS); i++) {
                    clip.timeline().poseAt(FrameClock.timeOf(i, FPS), pose);
                    for (boolean dominant : new boolean[] {true, false}) {
                        HandState hand = dominant ? pose.dominant() : pose.nondominant();
                        Rectangle2D bounds = handBounds(hand, signer.handScale(), !dominant);
                        assertThat(box.contains(bounds)).as("%s of %s, frame %d: %s not inside %s",
                                dominant ? "dominant hand" : "other hand", sign.gloss(), i, bounds, box).isTrue();
                        double side = dominant ? 1 : -1;
                        double reach = HandShapes.WRIST_OFFSET * signer.handScale();
                        double wx = hand.x() - Math.sin(hand.angle()) * reach;
                        double wy = hand.y() + Math.cos(hand.angle()) * reach;
                        ArmSolver.solve(side * figure.shoulderX(), FigurePainter.shoulderY(), wx, wy,
                                figure.upperArm(), figure.forearm(), side, joints);
                        assertThat(Math.hypot(joints[2] - wx, joints[3] - wy))
                                .as("arm reaches the wrist of %s, frame %d: shoulder %.3f,%.3f wrist %.3f,%.3f arms %.3f %.3f", sign.gloss(), i,
                                        side * figure.shoulderX(), FigurePainter.shoulderY(), wx, wy, figure.upperArm(), figure.forearm()).isLessThan(0.01);
                    }
                }
            }
        }
    }

    @Test
    void theSignSpaceFitsInsideThePictureForEveryFraming() {
        for (int size : new int[] {112, 172}) {
            for (int s = 0; s < 200; s++) {
                SignerProfile signer = SynthFixtures.signer(SignerPool.TEST, s);
                SceneVariation scene = SceneVariation.of(signer, s * 31L);
                Framing framing = Framing.of(size, signer, scene);
                Rectangle2D pixels = framing.signSpacePixels();
                double margin = scene.shakePixels() + 0.03 * framing.pixelsPerUnit() + 0.5;
                assertThat(pixels.getMinX()).isGreaterThanOrEqualTo(margin);
                assertThat(pixels.getMinY()).isGreaterThanOrEqualTo(margin);
                assertThat(pixels.getMaxX()).isLessThanOrEqualTo(size - margin);
                assertThat(pixels.getMaxY()).isLessThanOrEqualTo(size - margin);
                // and the figure is not tiny: the sign space spans most of the frame
                assertThat(Math.max(pixels.getWidth(), pixels.getHeight())).isGreaterThan(0.7 * size);
            }
        }
    }

    private static Rectangle2D handBounds(HandState hand, double scale, boolean mirrored) {
        AffineTransform at = AffineTransform.getTranslateInstance(hand.x(), hand.y());
        at.rotate(hand.angle());
        at.scale(mirrored ? -scale : scale, scale);
        return at.createTransformedShape(HandShapes.of(hand.shape())).getBounds2D();
    }
}
