package dev.signstream.app.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's result.
 *
 * @param sessions              sessions seen
 * @param words                 words recognised
 * @param referenceWords        signs completed (the truth)
 * @param wer                   word error rate against the signs completed; NaN when none was
 * @param signEndToWord         sign end (its truth) to the word's emission by the processor
 * @param signEndToFinalCaption sign end of a sentence's last sign to the final caption's emission by the sink
 * @param decisionToWord        capture of the frame that decided a word to its emission (the
 *                              processor's {@code signstream_processor_decision_to_word_seconds})
 * @param perSession            per session: [reference glosses, recognised glosses]
 */
public record DemoSummary(int sessions, int words, long referenceWords, double wer, Latency signEndToWord,
                          Latency signEndToFinalCaption, Latency decisionToWord, Map<String, List<List<String>>> perSession) {

    /** The one-line JSON summary (the demo's last output line). */
    public String json() {
        return String.format(Locale.ROOT, "{\"sessions\":%d,\"words\":%d,\"reference_words\":%d,\"wer\":%s,%s,%s,%s}",
                sessions, words, referenceWords, Double.isNaN(wer) ? "null" : String.format(Locale.ROOT, "%.4f", wer),
                signEndToWord.json(), signEndToFinalCaption.json(), decisionToWord.json());
    }
}
