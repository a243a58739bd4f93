package dev.signstream.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.synth.perform.Choreographer;
import dev.signstream.synth.perform.FrameClock;
import dev.signstream.synth.perform.PlacedSign;
import java.util.List;
import dev.signstream.synth.perform.IdleMotion;
import dev.signstream.synth.perform.Performer;
import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.sign.RestPose;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import dev.signstream.synth.signer.SignerProfile;

/** Shared test helpers: signers, clean scenes and rest distances. */
public final class SynthFixtures {

    private SynthFixtures() {
    }

    public static SignerProfile signer(SignerPool pool, int index) {
        return SignerProfile.of(SignerIdentity.of(pool, index, 1234));
    }

    /** Plain background, even light, no noise, no shake, no distractor, centred, nominal speed. */
    public static SceneVariation cleanScene() {
        return new SceneVariation(SceneVariation.Background.PLAIN, 0xD8DCE2, 0xD8DCE2, 0, 1, null,
                1.0, 0, 0, 1, 1, 1, 0, 0, 1.0, 0, 0, 1.0, 2, 1);
    }

    public static Choreographer choreographer(SignerProfile signer, double speed, long seed) {
        return new Choreographer(new Performer(signer, speed, seed), new IdleMotion(seed + 1), seed + 2);
    }

    /** How far the farther hand of {@code pose} is from its rest position, body units. */
    public static double distanceFromRest(Pose pose) {
        Pose rest = new Pose();
        RestPose.apply(rest);
        return pose.maxHandDistance(rest);
    }

    /**
     * Outside every sign's frame range the hands are at rest (within the idle drift); strictly
     * inside, at least one hand is away from rest, so ranges are tight; and every sign reaches far.
     */
    public static void assertRestOutsideAndMovingInside(Choreographer.Clip clip, int fps) {
        Pose pose = new Pose();
        List<PlacedSign> signs = clip.timeline().signs();
        int frames = clip.frames(fps);
        boolean[] inside = new boolean[frames];
        for (PlacedSign sign : signs) {
            double farthest = 0;
            int start = (int) sign.startFrame(fps);
            int end = (int) Math.min(frames, sign.endFrame(fps));
            for (int i = start; i < end; i++) {
                inside[i] = true;
                clip.timeline().poseAt(FrameClock.timeOf(i, fps), pose);
                double d = SynthFixtures.distanceFromRest(pose);
                farthest = Math.max(farthest, d);
                if (i > start && i < end - 1) {
                    assertThat(d).as("frame %d inside %s", i, sign.sign().gloss()).isGreaterThan(IdleMotion.MAX_OFFSET + 0.02);
                }
            }
            assertThat(farthest).as("reach of %s", sign.sign().gloss()).isGreaterThan(0.45);
        }
        for (int i = 0; i < frames; i++) {
            if (!inside[i]) {
                clip.timeline().poseAt(FrameClock.timeOf(i, fps), pose);
                assertThat(SynthFixtures.distanceFromRest(pose)).as("frame %d outside every sign", i)
                        .isLessThanOrEqualTo(IdleMotion.MAX_OFFSET + 1e-9);
            }
        }
    }
}
