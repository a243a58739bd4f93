package dev.signstream.eval.report;

import dev.signstream.eval.scoring.ScoreSummary;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The confusion matrix of the isolated sessions as a heat map: true class down, answer across, the
 * count in each non-empty cell. Only classes that occur as a truth or an answer are drawn, so a
 * 40-class model on a small split stays readable.
 */
final class ConfusionChart {

    /** Cell size for a few classes; many classes get smaller cells, down to {@link #MIN_CELL}. */
    private static final int CELL = 30;
    private static final int MIN_CELL = 18;
    private static final int MATRIX_TARGET = 640;
    private static final int MARGIN = 190;

    private ConfusionChart() {
    }

    /** Writes the chart as a PNG; false (nothing written) when no isolated session was scored. */
    static boolean write(ScoreSummary score, String title, Path png) throws IOException {
        List<Integer> shown = shownClasses(score);
        if (shown.isEmpty()) {
            return false;
        }
        int n = shown.size();
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        double[] zs = new double[n * n];
        long max = 1;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int i = r * n + c;
                xs[i] = c;
                ys[i] = n - 1 - r; // first class at the top
                long count = score.confusion(shown.get(r), shown.get(c));
                zs[i] = count;
                max = Math.max(max, count);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("confusion", new double[][] {xs, ys, zs});

        String[] across = new String[n];
        String[] down = new String[n];
        for (int k = 0; k < n; k++) {
            across[k] = score.labels().get(shown.get(k));
            down[n - 1 - k] = score.labels().get(shown.get(k));
        }
        SymbolAxis xAxis = axis("answer", across);
        xAxis.setVerticalTickLabels(true);
        SymbolAxis yAxis = axis("true class", down);

        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale(max));
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int i = 0; i < zs.length; i++) {
            if (zs[i] > 0) {
                XYTextAnnotation text = new XYTextAnnotation(Long.toString((long) zs[i]), xs[i], ys[i]);
                text.setFont(ChartFonts.bold(11));
                text.setPaint(zs[i] > max * 0.6 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(text);
            }
        }
        JFreeChart chart = new JFreeChart(title, ChartFonts.bold(14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        int cell = Math.max(MIN_CELL, Math.min(CELL, MATRIX_TARGET / n));
        int side = MARGIN + cell * n;
        ChartUtils.saveChartAsPNG(png.toFile(), chart, side, side);
        return true;
    }

    private static SymbolAxis axis(String label, String[] symbols) {
        SymbolAxis axis = new SymbolAxis(label, symbols);
        axis.setTickLabelFont(ChartFonts.plain(11));
        axis.setLabelFont(ChartFonts.bold(12));
        axis.setGridBandsVisible(false);
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        axis.setRange(-0.5, symbols.length - 0.5);
        return axis;
    }

    /** White for 0, then light to dark blue. */
    private static LookupPaintScale scale(long max) {
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, Color.WHITE);
        scale.add(0, new Color(0xF4, 0xF6, 0xF8));
        int steps = 8;
        for (int s = 1; s <= steps; s++) {
            double from = s == 1 ? 0.5 : 0.5 + (max - 0.5) * (s - 1) / steps;
            float t = s / (float) steps;
            scale.add(from, new Color(1 - 0.85f * t, 1 - 0.6f * t, 1 - 0.25f * t));
        }
        return scale;
    }

    static List<Integer> shownClasses(ScoreSummary score) {
        List<Integer> shown = new ArrayList<>();
        int classes = score.labels().size();
        for (int k = 0; k < classes; k++) {
            long row = 0;
            long column = 0;
            for (int j = 0; j < classes; j++) {
                row += score.confusion(k, j);
                column += score.confusion(j, k);
            }
            if (row > 0 || column > 0) {
                shown.add(k);
            }
        }
        return shown;
    }

    static String describe(ScoreSummary score) {
        return String.format(Locale.ROOT, "%d isolated sessions over %d classes", score.isolatedClips(),
                shownClasses(score).size());
    }
}
