package dev.signstream.eval.scoring;

import java.util.List;

/**
 * The accuracy of one model over a set of sessions.
 *
 * @param labels          the model's labels (row and column names of {@code confusion})
 * @param isolatedClips   isolated-sign and idle sessions scored
 * @param top1            share of those whose answer was right
 * @param top5            share whose true class was among the answer's five best alternatives
 * @param macroF1         mean F1 over the classes present in the truth
 * @param zeroWordClips   isolated-sign sessions with no word (their answer is the idle class)
 * @param multiWordClips  isolated sessions with more than one word (the most confident one is the answer)
 * @param confusion       counts of isolated sessions by true class (row) and answer (column)
 * @param sentences       sentence and multi-sign sessions scored
 * @param referenceWords  signs in those sessions
 * @param wordErrors      summed edit distance over them
 * @param wer             word errors over reference words (NaN without sentences)
 * @param exactSentences  share of those sessions recognised without an error
 * @param delays          decision delays (ms) of the words of exactly recognised sessions
 */
public record ScoreSummary(List<String> labels, long isolatedClips, double top1, double top5, double macroF1,
                           long zeroWordClips, long multiWordClips, long[][] confusion, long sentences,
                           long referenceWords, long wordErrors, double wer, double exactSentences,
                           Percentiles delays) {

    public ScoreSummary {
        labels = List.copyOf(labels);
        long[][] copy = new long[confusion.length][];
        for (int r = 0; r < confusion.length; r++) {
            copy[r] = confusion[r].clone();
        }
        confusion = copy;
    }

    /** Count of isolated sessions of true class {@code truth} answered as {@code predicted}. */
    public long confusion(int truth, int predicted) {
        return confusion[truth][predicted];
    }
}
