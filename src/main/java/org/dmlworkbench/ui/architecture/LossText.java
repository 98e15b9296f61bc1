package org.dmlworkbench.ui.architecture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loss field's text: a loss expression ("ms+ce", "ms:0.5,ce:1") optionally followed by
 * hyper-parameters as key=value pairs, e.g. "ms+ce; ms.alpha=2, ms.beta=50". Pairs may stand
 * anywhere in the text; what is left once they are taken out is the expression.
 */
public record LossText(String expression, Map<String, String> params) {

    private static final Pattern PAIR = Pattern.compile("([A-Za-z][\\w.\\-]*)\\s*=\\s*([^\\s,;=]+)");

    public LossText {
        params = Map.copyOf(params);
    }

    /** Splits the field's text; a malformed pair or a missing expression is an error with a clear message. */
    public static LossText parse(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        StringBuilder rest = new StringBuilder();
        Matcher pair = PAIR.matcher(text);
        while (pair.find()) {
            if (params.put(pair.group(1), pair.group(2)) != null) {
                throw new IllegalArgumentException(pair.group(1) + " is given twice");
            }
            pair.appendReplacement(rest, ",");
        }
        pair.appendTail(rest);
        String expression = rest.toString().replaceAll("\\s+", "").replaceAll("[,;]{2,}", ",")
                .replaceAll("^[,;]+|[,;]+$", "");
        if (expression.contains("=")) {
            throw new IllegalArgumentException("'" + expression + "' is not a key=value pair; write e.g. ms.alpha=2");
        }
        if (expression.isEmpty()) {
            throw new IllegalArgumentException("give a loss expression, e.g. ms+ce or ms:0.5,ce:1");
        }
        return new LossText(expression, params);
    }

    /** The field's text for an expression and its parameters (sorted by key). */
    public static String format(String expression, Map<String, String> params) {
        if (params.isEmpty()) {
            return expression;
        }
        StringBuilder text = new StringBuilder(expression).append("; ");
        String separator = "";
        for (Map.Entry<String, String> entry : new TreeMap<>(params).entrySet()) {
            text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = ", ";
        }
        return text.toString();
    }
}
