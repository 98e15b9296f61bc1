package org.dmlworkbench.ui.map;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/** The centred, word-wrapped hint an empty map shows (what to do to get points). */
final class PlaceholderText {

    private static final double MAX_WIDTH = 520;

    private PlaceholderText() {}

    static void draw(GraphicsContext g, String text, int w, int h, boolean dark) {
        if (text == null || text.isBlank()) {
            return;
        }
        Font font = Font.font(14);
        List<String> lines = wrap(text, font, Math.min(MAX_WIDTH, w - 48));
        g.setFill(dark ? Color.web("#a0a8b6") : Color.web("#5b6575"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setFont(font);
        double lineHeight = font.getSize() * 1.5;
        double top = h / 2.0 - lineHeight * (lines.size() - 1) / 2;
        for (int i = 0; i < lines.size(); i++) {
            g.fillText(lines.get(i), w / 2.0, top + i * lineHeight);
        }
    }

    /** Greedy word wrap measured with the font the text is drawn in. */
    static List<String> wrap(String text, Font font, double width) {
        Text probe = new Text();
        probe.setFont(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            probe.setText(candidate);
            if (line.length() > 0 && probe.getLayoutBounds().getWidth() > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
