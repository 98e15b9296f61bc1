package org.dmlworkbench.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.dmlworkbench.io.AtomicFiles;

/**
 * A plot area with a numeric y axis, drawn with Java2D so reports need no window system:
 * the caller maps data with {@link #x} / {@link #y} and draws on {@link #graphics()}.
 */
final class ChartCanvas {

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
        new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    static final Color TEXT = new Color(0x222222);
    static final Color MUTED = new Color(0x777777);
    static final Color GRID = new Color(0xe6e6e6);

    private static final int LEFT = 78;
    private static final int RIGHT = 24;
    private static final int TOP = 52;

    private final BufferedImage image;
    private final Graphics2D g;
    private final int bottom;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /**
     * @param legendRows rows of legend text reserved under the x axis
     */
    ChartCanvas(int width, int height, String title, String yLabel, double xMin, double xMax,
            double yLow, double yHigh, int legendRows) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        this.bottom = 56 + 20 * legendRows;
        this.xMin = xMin;
        this.xMax = xMax;
        double[] range = niceRange(yLow, yHigh);
        this.yMin = range[0];
        this.yMax = range[1];
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(TEXT);
        g.drawString(title, LEFT, 30);
        drawYAxis(yLabel, range[2]);
    }

    Graphics2D graphics() {
        return g;
    }

    double x(double value) {
        double span = xMax - xMin;
        return LEFT + (span == 0 ? 0.5 : (value - xMin) / span) * plotWidth();
    }

    double y(double value) {
        return TOP + (yMax - value) / (yMax - yMin) * plotHeight();
    }

    int plotBottom() {
        return TOP + plotHeight();
    }

    int plotWidth() {
        return image.getWidth() - LEFT - RIGHT;
    }

    private int plotHeight() {
        return image.getHeight() - TOP - bottom;
    }

    /** Text centred under the plot at data x, {@code row} lines down. */
    void xLabel(double dataX, String text, int row) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(TEXT);
        FontMetrics fm = g.getFontMetrics();
        int width = fm.stringWidth(text);
        g.drawString(text, (float) (x(dataX) - width / 2.0), plotBottom() + 18 + 16 * row);
    }

    /** Coloured legend entries in rows under the axis labels. */
    void legend(List<String> labels, List<Color> colors, String axisTitle) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(MUTED);
        g.drawString(axisTitle, (float) (LEFT + plotWidth() / 2.0 - fm.stringWidth(axisTitle) / 2.0),
                plotBottom() + 38);
        int xPos = LEFT;
        int yPos = plotBottom() + 62;
        for (int i = 0; i < labels.size(); i++) {
            int entryWidth = 22 + fm.stringWidth(labels.get(i)) + 18;
            if (xPos + entryWidth > image.getWidth() - RIGHT && xPos > LEFT) {
                xPos = LEFT;
                yPos += 20;
            }
            g.setColor(colors.get(i));
            g.fillRect(xPos, yPos - 10, 14, 10);
            g.setColor(TEXT);
            g.drawString(labels.get(i), xPos + 20, yPos);
            xPos += entryWidth;
        }
    }

    /** Rows the legend needs at this width (for sizing the canvas before drawing). */
    static int legendRows(List<String> labels, int width) {
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        probe.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = probe.getFontMetrics();
        int rows = labels.isEmpty() ? 0 : 1;
        int xPos = LEFT;
        for (String label : labels) {
            int entryWidth = 22 + fm.stringWidth(label) + 18;
            if (xPos + entryWidth > width - RIGHT && xPos > LEFT) {
                rows++;
                xPos = LEFT;
            }
            xPos += entryWidth;
        }
        probe.dispose();
        return rows + 1;
    }

    void line(double x1, double y1, double x2, double y2, Color color, float width) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x(x1), y(y1), x(x2), y(y2)));
    }

    void save(Path file) throws IOException {
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        AtomicFiles.writeBytes(file, bytes.toByteArray());
    }

    private void drawYAxis(String label, double step) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double tick : ticks(yMin, yMax, step)) {
            int yPos = (int) Math.round(y(tick));
            g.setColor(GRID);
            g.drawLine(LEFT, yPos, LEFT + plotWidth(), yPos);
            String text = format(tick, step);
            g.setColor(MUTED);
            g.drawString(text, LEFT - 8 - fm.stringWidth(text), yPos + 4);
        }
        g.setColor(MUTED);
        g.drawLine(LEFT, TOP, LEFT, plotBottom());
        g.drawLine(LEFT, plotBottom(), LEFT + plotWidth(), plotBottom());
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.setColor(TEXT);
        rotated.drawString(label, -(TOP + plotHeight() / 2 + fm.stringWidth(label) / 2), 20);
        rotated.dispose();
    }

    /** Axis bounds on round numbers around [low, high], and the tick step: {min, max, step}. */
    static double[] niceRange(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return new double[] {0, 1, 0.2};
        }
        if (high - low < 1e-9) {
            double pad = Math.max(Math.abs(high) * 0.05, 1e-3);
            low -= pad;
            high += pad;
        }
        double pad = (high - low) * 0.08;
        low -= pad;
        high += pad;
        double raw = (high - low) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double multiple : new double[] {1, 2, 2.5, 5, 10}) {
            step = multiple * magnitude;
            if (step >= raw) {
                break;
            }
        }
        return new double[] {Math.floor(low / step) * step, Math.ceil(high / step) * step, step};
    }

    private static List<Double> ticks(double min, double max, double step) {
        List<Double> ticks = new ArrayList<>();
        for (double t = min; t <= max + step * 1e-6; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    private static String format(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) {
            decimals++;
        }
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}
