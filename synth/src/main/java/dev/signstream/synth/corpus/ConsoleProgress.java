package dev.signstream.synth.corpus;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar for corpus writing (on stderr); close it when the run ends. */
public final class ConsoleProgress implements CorpusProgress, AutoCloseable {

    private final String task;
    private ProgressBar bar;

    public ConsoleProgress(String task) {
        this.task = task;
    }

    @Override
    public synchronized void clipDone(int done, int total) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" clips", 1)
                    .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
        }
        bar.stepTo(done);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
