package dev.signstream.synth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.synth.SynthFixtures;
import dev.signstream.synth.perform.Choreographer;
import dev.signstream.synth.perform.FrameClock;
import dev.signstream.synth.perform.PlacedSign;
import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SignerPool;
import dev.signstream.synth.signer.SignerProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every sign shows up in the pixels: in a clean scene, frames inside a sign's range differ in many
 * pixels from the same frame drawn with the hands at rest (same time, so the same sway and drift),
 * frames outside it do not differ at all, and signs of the same family performed identically
 * otherwise give different videos.
 */
class EverySignRenderedTest {

    private static final int SIZE = 112;
    private static final int FPS = 15;

    @Test
    void everySignMovesTheHandsVisiblyAndOnlyInsideItsRange() {
        for (SignerProfile signer : List.of(rightHanded(), leftHanded())) {
            for (SignDefinition sign : Vocabulary.standard().signs()) {
                List<byte[]> frames = new ArrayList<>();
                List<byte[]> resting = new ArrayList<>();
                Choreographer.Clip clip = SynthFixtures.choreographer(signer, 1.0, 77).isolatedSign(sign);
                renderClip(signer, clip, frames, false);
                renderClip(signer, clip, resting, true);
                PlacedSign placed = clip.timeline().signs().get(0);
                int start = (int) placed.startFrame(FPS);
                int end = (int) placed.endFrame(FPS);
                int insideMax = 0;
                int outsideMax = 0;
                for (int i = 0; i < frames.size(); i++) {
                    int changed = changedPixels(resting.get(i), frames.get(i));
                    if (i >= start && i < end) {
                        insideMax = Math.max(insideMax, changed);
                    } else {
                        outsideMax = Math.max(outsideMax, changed);
                    }
                }
                assertThat(insideMax).as("pixels changed by %s (%s)", sign.gloss(), signer.leftHanded() ? "left" : "right")
                        .isGreaterThan(250);
                assertThat(outsideMax).as("pixels changed at rest around %s", sign.gloss()).isZero();
            }
        }
    }

    @Test
    void signsOfOneFamilyGiveDifferentVideos() {
        SignerProfile signer = rightHanded();
        List<SignDefinition> signs = Vocabulary.standard().signs();
        for (int i = 0; i + 2 < signs.size(); i += 3) {
            List<List<byte[]>> videos = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                List<byte[]> frames = new ArrayList<>();
                renderClip(signer, SynthFixtures.choreographer(signer, 1.0, 5).isolatedSign(signs.get(i + k)), frames, false);
                videos.add(frames);
            }
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    List<byte[]> x = videos.get(a);
                    List<byte[]> y = videos.get(b);
                    int frames = Math.min(x.size(), y.size());
                    long differing = 0;
                    for (int f = 0; f < frames; f++) {
                        differing += changedPixels(x.get(f), y.get(f));
                    }
                    assertThat(differing).as("%s vs %s", signs.get(i + a).gloss(), signs.get(i + b).gloss())
                            .isGreaterThan(2000);
                }
            }
        }
    }

    private static SignerProfile rightHanded() {
        for (int i = 0; ; i++) {
            SignerProfile p = SynthFixtures.signer(SignerPool.TRAIN, i);
            if (!p.leftHanded()) {
                return p;
            }
        }
    }

    private static SignerProfile leftHanded() {
        for (int i = 0; ; i++) {
            SignerProfile p = SynthFixtures.signer(SignerPool.TRAIN, i);
            if (p.leftHanded()) {
                return p;
            }
        }
    }

    private static void renderClip(SignerProfile signer, Choreographer.Clip clip, List<byte[]> frames, boolean atRest) {
        Pose pose = new Pose();
        try (SignerRenderer renderer = new SignerRenderer(SIZE, signer, SynthFixtures.cleanScene())) {
            for (int i = 0; i < clip.frames(FPS); i++) {
                byte[] rgb = new byte[SIZE * SIZE * 3];
                double t = FrameClock.timeOf(i, FPS);
                if (atRest) {
                    clip.timeline().restPoseAt(t, pose);
                } else {
                    clip.timeline().poseAt(t, pose);
                }
                renderer.render(pose, t, i, rgb);
                frames.add(rgb);
            }
        }
    }

    /** Pixels whose summed channel difference exceeds 60 (a clear change, not an edge shifting a little). */
    static int changedPixels(byte[] a, byte[] b) {
        int changed = 0;
        for (int i = 0; i < a.length; i += 3) {
            int d = Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)) + Math.abs((a[i + 1] & 0xFF) - (b[i + 1] & 0xFF))
                    + Math.abs((a[i + 2] & 0xFF) - (b[i + 2] & 0xFF));
            if (d > 60) {
                changed++;
            }
        }
        return changed;
    }
}
