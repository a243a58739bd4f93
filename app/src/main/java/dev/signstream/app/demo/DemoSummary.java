package dev.signstream.app.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's result. Each latency is one of docs/latency.md, under the same name.
 *
 * @param sessions                 sessions seen
 * @param words                    words recognised
 * @param referenceWords           signs completed (the truth)
 * @param wer                      word error rate against the signs completed; NaN when none was
 * @param signEndToWord            sign end (the producer's truth) to the word's emission by the processor
 * @param signEndToFinalCaption    sign end of a sentence's last sign to its final caption read from Kafka
 * @param decisionToWord           capture of the frame that decided a word to its emission (the
 *                                 processor's {@code signstream_processor_decision_to_word_seconds})
 * @param decisionToFinalCaption   decision of a sentence's last word to its final caption read from Kafka
 *                                 (the sink's {@code signstream_sink_decision_to_final_caption_seconds})
 * @param decisionToSegment        decision of a sentence's last word to the first HLS subtitle segment
 *                                 holding it published (the sink's {@code signstream_sink_decision_to_segment_seconds})
 * @param perSession               per session: [reference glosses, recognised glosses]
 */
public record DemoSummary(int sessions, int words, long referenceWords, double wer, Latency signEndToWord,
                          Latency signEndToFinalCaption, Latency decisionToWord, Latency decisionToFinalCaption,
                          Latency decisionToSegment, Map<String, List<List<String>>> perSession) {

    /** The one-line JSON summary (the demo's last output line). */
    public String json() {
        return String.format(Locale.ROOT, "{\"sessions\":%d,\"words\":%d,\"reference_words\":%d,\"wer\":%s,%s,%s,%s,%s,%s,"
                        + "\"segment_sentences\":%d}",
                sessions, words, referenceWords, Double.isNaN(wer) ? "null" : String.format(Locale.ROOT, "%.4f", wer),
                signEndToWord.json(), signEndToFinalCaption.json(), decisionToWord.json(), decisionToFinalCaption.json(),
                decisionToSegment.json(), decisionToSegment.samples());
    }
}
