package dev.signstream.eval.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of an offline evaluation. Every clip runs as a session would in the processor: from a
 * fresh state, chunk by chunk, through the model's word decoder.
 *
 * @param model              model name
 * @param version            model version
 * @param split              the corpus split evaluated
 * @param clips              isolated sign and idle clips classified
 * @param top1               share of those classified right: the decoder's most confident word is the
 *                           clip's sign, or an idle clip gave no word
 * @param top5               share whose true class was among the best five (the word, then the other
 *                           classes by their peak probability over the clip)
 * @param macroF1            mean F1 over the classes present
 * @param noWordClips        isolated sign clips for which the decoder emitted no word
 * @param multiWordClips     isolated clips for which it emitted more than one word
 * @param sentences          word error rate over the sentence clips
 * @param sequences          word error rate over the random sign sequences
 * @param medianDelayMs      in exactly transcribed sentences and sequences (and isolated clips with their
 *                           one right word), the median event-time delay from a sign's last frame to the
 *                           last frame of the chunk that emitted its word; NaN without such words
 * @param p95DelayMs         the 95th percentile of the same delays
 * @param medianOnsetErrorMs in exactly transcribed sentences and sequences, the median of a word's
 *                           first-frame time minus its sign's first frame (positive: reported late)
 * @param frames             frames run through the model in all
 * @param seconds            wall time of the evaluation (video decoding included)
 */
public record EvalReport(String model, String version, String split, long clips, double top1, double top5,
        double macroF1, long noWordClips, long multiWordClips, Transcription sentences, Transcription sequences,
        double medianDelayMs, double p95DelayMs, double medianOnsetErrorMs, long frames, double seconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Word error rate over clips of one kind.
     *
     * @param clips clips transcribed
     * @param words reference words in them
     * @param wer   word error rate (NaN without clips)
     * @param exact share of clips transcribed without an error (NaN without clips)
     */
    public record Transcription(long clips, long words, double wer, double exact) {
    }

    public double framesPerSecond() {
        return frames / seconds;
    }

    /**
     * One line of JSON: {@code clips, top1, top5, macro_f1, wer, sequence_wer, frames_per_s} first, then
     * the rest. {@code wer} is the sentences' word error rate. A metric without data (e.g. WER of a split
     * with no sentences) is {@code null}.
     */
    public String toJsonLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clips", clips);
        fields.put("top1", number(top1));
        fields.put("top5", number(top5));
        fields.put("macro_f1", number(macroF1));
        fields.put("wer", number(sentences.wer()));
        fields.put("sequence_wer", number(sequences.wer()));
        fields.put("frames_per_s", tenths(framesPerSecond()));
        fields.put("sentences", sentences.clips());
        fields.put("words", sentences.words());
        fields.put("exact_sentences", number(sentences.exact()));
        fields.put("sequences", sequences.clips());
        fields.put("sequence_words", sequences.words());
        fields.put("exact_sequences", number(sequences.exact()));
        fields.put("median_delay_ms", tenths(medianDelayMs));
        fields.put("p95_delay_ms", tenths(p95DelayMs));
        fields.put("median_onset_error_ms", tenths(medianOnsetErrorMs));
        fields.put("no_word_clips", noWordClips);
        fields.put("multi_word_clips", multiWordClips);
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
