package org.dmlworkbench.ui.runview;

import javafx.scene.paint.Color;

/**
 * Class colours for maps and legends: Tableau 10, which stays distinct and readable on white and
 * on near-black, then its lighter companions, then golden-angle hues for very many classes.
 */
public final class ClassPalette {

    private static final String[] QUALITATIVE = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
        "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#f1ce63",
        "#86bcb6", "#d37295", "#fabfd2", "#d4a6c8", "#79706e",
    };
    private static final double GOLDEN_ANGLE = 137.50776;

    /** "1-NN is wrong": red that reads on both backgrounds. */
    public static final Color WRONG = Color.web("#e03131");
    /** "1-NN is right": a quiet grey, so the failures stand out. */
    public static final Color RIGHT = Color.web("#9aa3ad");

    private ClassPalette() {}

    public static Color colour(int label) {
        if (label < QUALITATIVE.length) {
            return Color.web(QUALITATIVE[label]);
        }
        double hue = (label * GOLDEN_ANGLE) % 360;
        return Color.hsb(hue, 0.55, 0.85);
    }

    public static Color[] colours(int classes) {
        Color[] colours = new Color[classes];
        for (int i = 0; i < classes; i++) {
            colours[i] = colour(i);
        }
        return colours;
    }
}
