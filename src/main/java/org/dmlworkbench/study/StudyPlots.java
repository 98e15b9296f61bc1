package org.dmlworkbench.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/** The study's PNG plots: a metric against a factor with 95% CI bars, and learning curves. */
final class StudyPlots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private StudyPlots() {}

    /**
     * Mean (filled dot) with its 95% confidence interval per level of the first factor other than
     * seed; the other factors' combinations are separate series. Each run is a hollow dot and the
     * paper's number, when given, a black cross.
     */
    static void metricVsFactor(StudyAggregate aggregate, String metric, Path file) throws IOException {
        StudySpec spec = aggregate.plan().spec();
        List<String> factors = spec.factors().stream().map(StudySpec.Factor::name)
                .filter(n -> !n.equals(StudySpec.SEED_FACTOR)).toList();
        String xFactor = factors.isEmpty() ? null : factors.get(0);
        List<String> categories = new ArrayList<>();
        Map<String, Integer> seriesIndex = new LinkedHashMap<>();
        List<StudyAggregate.Summary> summaries = aggregate.summaries(metric);
        for (StudyAggregate.Summary s : summaries) {
            String category = xFactor == null ? "all" : s.levels().get(xFactor);
            if (!categories.contains(category)) {
                categories.add(category);
            }
            seriesIndex.putIfAbsent(seriesName(s, xFactor), seriesIndex.size());
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (StudyAggregate.Summary s : summaries) {
            for (double v : new double[] {s.interval().mean(), s.interval().low(), s.interval().high(), s.paper()}) {
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        for (StudyAggregate.RunResult r : aggregate.results()) {
            Double v = r.metrics().get(metric);
            if (v != null && Double.isFinite(v)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        List<String> legend = new ArrayList<>(seriesIndex.keySet());
        List<Color> colors = new ArrayList<>();
        for (int i = 0; i < legend.size(); i++) {
            colors.add(ChartCanvas.PALETTE[i % ChartCanvas.PALETTE.length]);
        }
        boolean hasPaper = summaries.stream().anyMatch(s -> Double.isFinite(s.paper()));
        if (hasPaper) {
            legend.add("paper (x)");
            colors.add(Color.BLACK);
        }
        ChartCanvas canvas = new ChartCanvas(WIDTH, HEIGHT, spec.title() + ": " + metric,
                metric + " (mean, 95% CI)", -0.5, categories.size() - 0.5, low, high,
                ChartCanvas.legendRows(legend, WIDTH));
        for (int c = 0; c < categories.size(); c++) {
            canvas.xLabel(c, categories.get(c), 0);
        }
        int seriesCount = seriesIndex.size();
        double slot = 0.6 / Math.max(1, seriesCount);
        for (StudyAggregate.Summary s : summaries) {
            String category = xFactor == null ? "all" : s.levels().get(xFactor);
            int series = seriesIndex.get(seriesName(s, xFactor));
            double x = categories.indexOf(category) + (series - (seriesCount - 1) / 2.0) * slot;
            drawGroup(canvas, aggregate, s, x, colors.get(series));
        }
        canvas.legend(legend, colors, xFactor == null ? "" : xFactor);
        canvas.save(file);
    }

    private static String seriesName(StudyAggregate.Summary s, String xFactor) {
        List<String> parts = new ArrayList<>();
        s.levels().forEach((factor, label) -> {
            if (!factor.equals(xFactor)) {
                parts.add(factor + "=" + label);
            }
        });
        return parts.isEmpty() ? "mean with 95% CI; hollow dots: single runs" : String.join(", ", parts);
    }

    private static void drawGroup(ChartCanvas canvas, StudyAggregate aggregate,
            StudyAggregate.Summary s, double x, Color color) {
        var g = canvas.graphics();
        double px = canvas.x(x);
        for (StudyAggregate.RunResult r : aggregate.results()) {
            Double v = r.metrics().get(s.metric());
            if (r.run().group().equals(s.group()) && v != null) {
                g.setColor(color.brighter());
                g.setStroke(new BasicStroke(1.2f));
                g.draw(new Ellipse2D.Double(px + 14 - 3.5, canvas.y(v) - 3.5, 7, 7));
            }
        }
        ConfidenceInterval ci = s.interval();
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        if (Double.isFinite(ci.low())) {
            g.draw(new Line2D.Double(px, canvas.y(ci.low()), px, canvas.y(ci.high())));
            g.draw(new Line2D.Double(px - 7, canvas.y(ci.low()), px + 7, canvas.y(ci.low())));
            g.draw(new Line2D.Double(px - 7, canvas.y(ci.high()), px + 7, canvas.y(ci.high())));
        }
        if (Double.isFinite(ci.mean())) {
            g.fill(new Ellipse2D.Double(px - 5, canvas.y(ci.mean()) - 5, 10, 10));
        }
        if (Double.isFinite(s.paper())) {
            double py = canvas.y(s.paper());
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(px - 16 - 5, py - 5, px - 16 + 5, py + 5));
            g.draw(new Line2D.Double(px - 16 - 5, py + 5, px - 16 + 5, py - 5));
        }
    }

    /** One line per run of {@code column} over epochs, coloured by group. */
    static void learningCurves(StudyAggregate aggregate, Map<String, Table> curves, String column,
            Path file) throws IOException {
        List<String> groups = aggregate.plan().groups();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        double maxEpoch = 1;
        for (Table table : curves.values()) {
            if (!table.containsColumn(column)) {
                continue;
            }
            for (int row = 0; row < table.rowCount(); row++) {
                double v = table.numberColumn(column).getDouble(row);
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
                maxEpoch = Math.max(maxEpoch, table.numberColumn("epoch").getDouble(row));
            }
        }
        List<Color> colors = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            colors.add(ChartCanvas.PALETTE[i % ChartCanvas.PALETTE.length]);
        }
        double minEpoch = Math.min(1, maxEpoch);
        ChartCanvas canvas = new ChartCanvas(WIDTH, HEIGHT, aggregate.plan().spec().title()
                + ": " + column + " by epoch", column, minEpoch - 0.25, maxEpoch + 0.25, low, high,
                ChartCanvas.legendRows(groups, WIDTH));
        for (int epoch = (int) minEpoch; epoch <= (int) maxEpoch; epoch++) {
            canvas.xLabel(epoch, String.valueOf(epoch), 0);
        }
        for (StudyAggregate.RunResult result : aggregate.results()) {
            Table table = curves.get(result.run().id());
            if (table == null || !table.containsColumn(column)) {
                continue;
            }
            Color color = colors.get(groups.indexOf(result.run().group()));
            double prevX = Double.NaN;
            double prevY = Double.NaN;
            for (int row = 0; row < table.rowCount(); row++) {
                double e = table.numberColumn("epoch").getDouble(row);
                double v = table.numberColumn(column).getDouble(row);
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (Double.isFinite(prevY)) {
                    canvas.line(prevX, prevY, e, v, color, 1.8f);
                }
                canvas.graphics().setColor(color);
                canvas.graphics().fill(new Ellipse2D.Double(canvas.x(e) - 3, canvas.y(v) - 3, 6, 6));
                prevX = e;
                prevY = v;
            }
        }
        canvas.legend(groups, colors, "epoch");
        canvas.save(file);
    }
}
