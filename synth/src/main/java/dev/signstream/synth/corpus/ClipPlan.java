package dev.signstream.synth.corpus;

import dev.signstream.synth.perform.Choreographer;
import dev.signstream.synth.perform.PlacedSign;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerPool;
import dev.signstream.synth.signer.SignerProfile;
import java.util.List;

/**
 * Everything that decides one clip, before any pixel is drawn.
 *
 * @param file        path relative to the corpus root, with {@code /} separators
 * @param split       the split it belongs to
 * @param kind        sign, idle or sentence
 * @param glosses     the signed glosses in order ({@code ["<idle>"]} for idle clips)
 * @param sentenceId  the sentence's id, or null
 * @param text        the sentence text, the gloss of an isolated sign, or empty for idle
 * @param signer      who signs
 * @param scene       how the clip looks
 * @param clip        the timeline and length
 * @param size        frame edge, pixels
 * @param fps         frames per second
 */
public record ClipPlan(String file, SignerPool split, ClipKind kind, List<String> glosses, String sentenceId,
                       String text, SignerProfile signer, SceneVariation scene, Choreographer.Clip clip,
                       int size, int fps) {

    public ClipPlan {
        glosses = List.copyOf(glosses);
    }

    public int frames() {
        return clip.frames(fps);
    }

    /** The placed signs in time order. */
    public List<PlacedSign> signs() {
        return clip.timeline().signs();
    }
}
