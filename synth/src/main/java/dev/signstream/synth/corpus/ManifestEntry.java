package dev.signstream.synth.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signstream.synth.perform.PlacedSign;
import java.util.List;

/**
 * One line of {@code manifest.jsonl}, exactly as {@code docs/corpus-format.md} describes it.
 * Sign ranges are frame indexes, start inclusive, end exclusive; outside them the hands are at rest.
 */
@JsonPropertyOrder({"file", "split", "kind", "glosses", "sentence_id", "text", "signer", "fps", "width", "height", "frames", "signs"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ManifestEntry(
        String file,
        String split,
        String kind,
        List<String> glosses,
        @JsonProperty("sentence_id") String sentenceId,
        String text,
        String signer,
        int fps,
        int width,
        int height,
        int frames,
        List<SignRange> signs) {

    /** Where one sign is in a clip. */
    @JsonPropertyOrder({"gloss", "label", "start", "end"})
    public record SignRange(String gloss, int label, int start, int end) {
    }

    public ManifestEntry {
        glosses = List.copyOf(glosses);
        signs = List.copyOf(signs);
    }

    /** The manifest line of a planned clip. */
    public static ManifestEntry of(ClipPlan plan) {
        int frames = plan.frames();
        List<SignRange> ranges = plan.signs().stream().map(s -> range(s, plan.fps(), frames)).toList();
        return new ManifestEntry(plan.file(), plan.split().key(), plan.kind().key(), plan.glosses(), plan.sentenceId(),
                plan.text(), plan.signer().identity().id(), plan.fps(), plan.size(), plan.size(), frames, ranges);
    }

    private static SignRange range(PlacedSign sign, int fps, int frames) {
        int start = (int) sign.startFrame(fps);
        int end = (int) Math.min(frames, sign.endFrame(fps));
        if (start >= end) {
            throw new IllegalStateException("sign " + sign.sign().gloss() + " covers no frame (" + sign.start()
                    + " .. " + sign.end() + " s at " + fps + " fps)");
        }
        return new SignRange(sign.sign().gloss(), sign.sign().label(), start, end);
    }
}
