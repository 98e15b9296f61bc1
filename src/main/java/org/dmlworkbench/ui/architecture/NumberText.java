package org.dmlworkbench.ui.architecture;

import java.math.BigDecimal;

/**
 * Numbers as the Architecture form's fields read and show them: reading throws
 * {@link IllegalArgumentException} with a message fit to show next to the field.
 */
final class NumberText {

    private NumberText() {}

    static int whole(String text) {
        String value = text.strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(value.isEmpty() ? "enter a whole number"
                    : "'" + value + "' is not a whole number");
        }
    }

    static double number(String text) {
        String value = text.strip();
        try {
            double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(value.isEmpty() ? "enter a number" : "'" + value + "' is not a number");
        }
    }

    /** 0.001 rather than 1.0E-3. */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
