package org.dmlworkbench.ui.architecture;

import java.util.Map;

/**
 * The loss field's text: a loss expression ("ms+ce", "ms:0.5,ce:1") optionally followed by
 * hyper-parameters as key=value pairs, e.g. "ms+ce; ms.alpha=2, ms.beta=50". Pairs may stand
 * anywhere in the text; what is left once they are taken out is the expression.
 */
public record LossText(String expression, Map<String, String> params) {

    public LossText {
        params = Map.copyOf(params);
    }

    /** Splits the field's text; a malformed pair or a missing expression is an error with a clear message. */
    public static LossText parse(String text) {
        ParamText.Extracted extracted = ParamText.extract(text, ",");
        String expression = extracted.rest().replaceAll("\\s+", "").replaceAll("[,;]{2,}", ",")
                .replaceAll("^[,;]+|[,;]+$", "");
        if (expression.contains("=")) {
            throw new IllegalArgumentException("'" + expression + "' is not a key=value pair; write e.g. ms.alpha=2");
        }
        if (expression.isEmpty()) {
            throw new IllegalArgumentException("give a loss expression, e.g. ms+ce or ms:0.5,ce:1");
        }
        return new LossText(expression, extracted.pairs());
    }

    /** The field's text for an expression and its parameters (sorted by key). */
    public static String format(String expression, Map<String, String> params) {
        if (params.isEmpty()) {
            return expression;
        }
        return expression + "; " + ParamText.format(params);
    }
}
