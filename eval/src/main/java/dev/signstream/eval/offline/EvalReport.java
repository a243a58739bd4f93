package dev.signstream.eval.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of an offline evaluation.
 *
 * @param model           model name
 * @param version         model version
 * @param split           the corpus split evaluated
 * @param clips           isolated sign and idle clips classified
 * @param top1            share of those whose best class was right
 * @param top5            share whose true class was among the best five
 * @param macroF1         mean F1 over the classes present
 * @param sentences       sentence clips transcribed
 * @param words           reference words in those sentences
 * @param wer             word error rate over them (NaN without sentences)
 * @param exactSentences  share of sentences transcribed without an error
 * @param medianDelayMs   in exactly transcribed sentences, the median event-time delay from a sign's last
 *                        frame to the last frame of the chunk that emitted its word (negative: emitted
 *                        before the sign ended); NaN without such sentences
 * @param medianOnsetErrorMs in the same sentences, the median of a word's first-frame time minus its
 *                        sign's first frame (positive: the word's onset is reported late)
 * @param frames          frames run through the model in all
 * @param seconds         wall time of the evaluation (video decoding included)
 */
public record EvalReport(String model, String version, String split, long clips, double top1, double top5,
        double macroF1, long sentences, long words, double wer, double exactSentences, double medianDelayMs,
        double medianOnsetErrorMs, long frames, double seconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public double framesPerSecond() {
        return frames / seconds;
    }

    /**
     * One line of JSON: {@code clips, top1, top5, macro_f1, wer, frames_per_s} first, then the rest.
     * A metric without data (e.g. WER of a split with no sentences) is {@code null}.
     */
    public String toJsonLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clips", clips);
        fields.put("top1", number(top1));
        fields.put("top5", number(top5));
        fields.put("macro_f1", number(macroF1));
        fields.put("wer", number(wer));
        fields.put("frames_per_s", tenths(framesPerSecond()));
        fields.put("sentences", sentences);
        fields.put("words", words);
        fields.put("exact_sentences", number(exactSentences));
        fields.put("median_delay_ms", tenths(medianDelayMs));
        fields.put("median_onset_error_ms", tenths(medianOnsetErrorMs));
        fields.put("frames", frames);
        fields.put("seconds", tenths(seconds));
        fields.put("split", split);
        fields.put("model", model);
        fields.put("version", version);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }

    /** Rounded to one decimal; null without data (NaN) rather than a made-up 0. */
    private static Double tenths(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : null;
    }

    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
