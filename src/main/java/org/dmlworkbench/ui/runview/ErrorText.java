package org.dmlworkbench.ui.runview;

import org.dmlworkbench.ui.UiErrors;

/**
 * {@link UiErrors#describe} cut to its first line: some library messages (Gson's, for one) append
 * a second line with a link, which would break a one-sentence status or error label.
 */
public final class ErrorText {

    private ErrorText() {}

    public static String of(Throwable error) {
        String text = UiErrors.describe(error).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
