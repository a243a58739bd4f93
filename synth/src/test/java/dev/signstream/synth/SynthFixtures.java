package dev.signstream.synth;

import dev.signstream.synth.perform.Choreographer;
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
}
