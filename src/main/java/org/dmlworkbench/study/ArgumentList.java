package org.dmlworkbench.study;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Merges study arguments and turns them into the {@code train} command's own argument list. */
final class ArgumentList {

    private ArgumentList() {}

    /**
     * Puts {@code update} over {@code into}: a later value replaces an earlier one, except that
     * KEY=VALUE objects ({@code method-param}, {@code loss-param}) are merged key by key.
     */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> update) {
        for (Map.Entry<String, Object> entry : update.entrySet()) {
            Object old = into.get(entry.getKey());
            if (old instanceof Map && entry.getValue() instanceof Map) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) old);
                merged.putAll((Map<String, Object>) entry.getValue());
                into.put(entry.getKey(), merged);
            } else {
                into.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * {@code --key value} per entry; {@code true} is a bare flag and {@code false} leaves it out;
     * lists join with commas; objects repeat {@code --key K=V}.
     */
    static List<String> toTrainArgs(Map<String, Object> args) {
        List<String> list = new ArrayList<>();
        for (Map.Entry<String, Object> entry : args.entrySet()) {
            String option = "--" + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Boolean) {
                if ((Boolean) value) {
                    list.add(option);
                }
            } else if (value instanceof Map) {
                for (Map.Entry<?, ?> pair : ((Map<?, ?>) value).entrySet()) {
                    list.add(option);
                    list.add(pair.getKey() + "=" + text(pair.getValue()));
                }
            } else if (value instanceof List) {
                list.add(option);
                list.add(((List<?>) value).stream().map(ArgumentList::text).collect(Collectors.joining(",")));
            } else {
                list.add(option);
                list.add(text(value));
            }
        }
        return list;
    }

    /** A value as a user wrote it: JSON numbers come back as doubles, so 1.0 prints as 1. */
    static String text(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }
        }
        return String.valueOf(value);
    }
}
