package org.dmlworkbench.loss;

import java.util.Locale;
import java.util.function.Function;
import org.dmlworkbench.loss.miners.TripletMiner;

/**
 * One command-line hyper-parameter of a loss: its name within the loss (the full key is
 * {@code <loss>.<name>}, e.g. {@code ms.alpha}), its default, and a parser that turns the text
 * into the typed value (Double, Boolean or String) or explains what is wrong.
 */
public record LossParameter(String name, String defaultValue, String description,
        Function<String, Object> parser) {

    /** Parses a value given for {@code key}; errors name the key and the expectation. */
    public Object parse(String key, String text) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("loss parameter " + key + ": " + e.getMessage()
                    + ", got '" + text + "'", e);
        }
    }

    static LossParameter number(String name, double defaultValue, double lowest,
            boolean lowestAllowed, String description) {
        String expectation = "expected a number " + (lowestAllowed ? ">= " : "> ")
                + format(lowest);
        return new LossParameter(name, format(defaultValue), description, text -> {
            double value = parseFinite(text, expectation);
            if (value < lowest || !lowestAllowed && value == lowest) {
                throw new IllegalArgumentException(expectation);
            }
            return value;
        });
    }

    static LossParameter anyNumber(String name, double defaultValue, String description) {
        return new LossParameter(name, format(defaultValue), description,
                text -> parseFinite(text, "expected a finite number"));
    }

    static LossParameter flag(String name, boolean defaultValue, String description) {
        return new LossParameter(name, String.valueOf(defaultValue), description, text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("on") || lower.equals("yes")) {
                return Boolean.TRUE;
            }
            if (lower.equals("false") || lower.equals("off") || lower.equals("no")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("expected true or false");
        });
    }

    static LossParameter tripletMining(String name, String description) {
        return new LossParameter(name, TripletMiner.Mode.ALL.label(), description,
                text -> TripletMiner.Mode.parse(text).label());
    }

    /** A whole number >= 1 ("5" or "5.0": a count a study file may have written as a number). */
    static LossParameter count(String name, int defaultValue, String description) {
        String expectation = "expected a whole number >= 1";
        return new LossParameter(name, String.valueOf(defaultValue), description, text -> {
            double value = parseFinite(text, expectation);
            if (value != Math.rint(value) || value < 1 || value > 1_000_000) {
                throw new IllegalArgumentException(expectation);
            }
            return (int) value;
        });
    }

    /** A comma-separated list of distinct integers >= 1, e.g. "1,2,4,8,16", parsed ascending. */
    static LossParameter positiveIntegers(String name, String defaultValue, String description) {
        return new LossParameter(name, defaultValue, description, text -> {
            java.util.TreeSet<Integer> values = new java.util.TreeSet<>();
            // "[1, 2, 4]" is how a parsed list prints back (LossSpec.stringParameters)
            for (String part : text.replace("[", "").replace("]", "").split(",")) {
                int value;
                try {
                    value = Integer.parseInt(part.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected integers >= 1 separated by commas");
                }
                if (value < 1) {
                    throw new IllegalArgumentException("expected integers >= 1 separated by commas");
                }
                values.add(value);
            }
            return java.util.List.copyOf(values);
        });
    }

    private static double parseFinite(String text, String expectation) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expectation);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(expectation);
        }
        return value;
    }

    /** 1.0 as "1", 0.5 as "0.5". */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }
}
