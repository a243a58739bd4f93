package dev.signstream.eval.report;

import dev.signstream.eval.replay.ModelResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;

/**
 * Histogram of the decision delays of every model (one series each): for each word of an exactly
 * recognised session, the capture time of the frame that decided it minus that of its sign's last
 * frame. It is event time, so it says what a live viewer waits beyond transport and processing.
 */
final class LatencyChart {

    private static final int BINS = 24;
    private static final Color[] SERIES = {new Color(0x1F, 0x6F, 0xB4, 180), new Color(0xE0, 0x7B, 0x22, 160),
        new Color(0x2C, 0xA0, 0x2C, 160), new Color(0xB0, 0x30, 0x60, 160)};

    private LatencyChart() {
    }

    /** Writes the chart as a PNG; false (nothing written) when no model has a delay. */
    static boolean write(List<ModelResult> models, Path png) throws IOException {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ModelResult model : models) {
            for (double value : model.score().delays().values()) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return false;
        }
        if (max - min < 1) {
            max = min + 1;
        }
        HistogramDataset data = new HistogramDataset();
        for (int i = 0; i < models.size(); i++) {
            double[] values = models.get(i).score().delays().values();
            if (values.length > 0) {
                data.addSeries(ReportWriter.modelLabel(models.get(i), i), values, BINS, min, max);
            }
        }
        NumberAxis x = new NumberAxis("delay after the sign's last frame (ms, event time)");
        NumberAxis y = new NumberAxis("words");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        for (NumberAxis axis : List.of(x, y)) {
            axis.setLabelFont(ChartFonts.bold(12));
            axis.setTickLabelFont(ChartFonts.plain(11));
        }
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, SERIES[s % SERIES.length]);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = new JFreeChart("Word decision delay", ChartFonts.bold(14), plot, true);
        chart.getLegend().setItemFont(ChartFonts.plain(11));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 760, 360);
        return true;
    }
}
