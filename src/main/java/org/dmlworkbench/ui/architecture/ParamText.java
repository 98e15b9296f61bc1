package org.dmlworkbench.ui.architecture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text field of key=value pairs separated by commas, semicolons or spaces, e.g.
 * "guided.master-epochs=5, guided.beta=0.01": the method parameters the CLI takes as repeated
 * {@code --method-param KEY=VALUE}.
 */
public final class ParamText {

    private static final Pattern PAIR = Pattern.compile("([A-Za-z][\\w.\\-]*)\\s*=\\s*([^\\s,;=]+)");

    private ParamText() {}

    /** The pairs of {@code text} in the order given, and what is left with each pair replaced. */
    record Extracted(Map<String, String> pairs, String rest) {}

    /**
     * Takes every key=value pair out of {@code text}, putting {@code placeholder} where each stood.
     *
     * @throws IllegalArgumentException when a key is given twice
     */
    static Extracted extract(String text, String placeholder) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher pair = PAIR.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (pair.find()) {
            if (params.put(pair.group(1), pair.group(2)) != null) {
                throw new IllegalArgumentException(pair.group(1) + " is given twice");
            }
            pair.appendReplacement(rest, placeholder);
        }
        pair.appendTail(rest);
        return new Extracted(params, rest.toString());
    }

    /** The pairs of {@code text} in the order given; anything that is not a pair is an error. */
    public static Map<String, String> parse(String text) {
        Extracted extracted = extract(text, " ");
        String left = extracted.rest().replaceAll("[\\s,;]+", " ").strip();
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("'" + left + "' is not a key=value pair; write e.g."
                    + " guided.master-epochs=5");
        }
        return extracted.pairs();
    }

    /** The pairs sorted by key, comma-separated; "" when there are none. */
    public static String format(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(params).entrySet()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return text.toString();
    }
}
