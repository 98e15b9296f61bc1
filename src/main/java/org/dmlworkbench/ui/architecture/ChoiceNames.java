package org.dmlworkbench.ui.architecture;

import java.util.List;
import java.util.Map;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;

/** How the Architecture form's choice boxes name their values (the config's keys stay the values). */
public final class ChoiceNames {

    private static final Map<String, String> CHOICE_NAMES = Map.ofEntries(Map.entry("gelu", "GELU"),
            Map.entry("relu", "ReLU"), Map.entry("max", "2x2 max-pool"), Map.entry("none", "none"),
            Map.entry("auto", "auto"), Map.entry("shuffle", "shuffle"), Map.entry("m-per-class", "M per class"),
            Map.entry("adam", "Adam"), Map.entry("adamw", "AdamW"), Map.entry("sgd", "SGD"),
            Map.entry("standard", "standard (random resized crop, flip)"));
    private static final List<String> ATTENTION_ORDER = List.of("none", "glam", "glam:local-channel",
            "glam:local-spatial", "glam:global-channel", "glam:global-spatial");
    public static final Map<String, String> ATTENTION_NAMES = Map.of("none", "none",
            "glam", "GLAM (all four parts)", "glam:local-channel", "local channel only",
            "glam:local-spatial", "local spatial only", "glam:global-channel", "global channel only",
            "glam:global-spatial", "global spatial only");

    private ChoiceNames() {}

    /** Offers {@code values}, named as the form names them. */
    public static void choices(ChoiceBox<String> box, String... values) {
        box.getItems().setAll(values);
        box.setConverter(names(CHOICE_NAMES));
    }

    /** The attention choices, from none to a single part. */
    public static List<String> attentionValues() {
        return ATTENTION_ORDER;
    }

    /** A converter showing each value's name, or the value itself when it has none. */
    public static StringConverter<String> names(Map<String, String> names) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : names.getOrDefault(value, value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }

    /** Methods by their titles ("Metric learning"); the value stays the method's key. */
    public static StringConverter<String> methodTitles() {
        return new StringConverter<>() {
            @Override
            public String toString(String key) {
                return key == null ? "" : MethodChoice.title(key);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }
}
