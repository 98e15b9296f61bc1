package org.dmlworkbench.ui;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** One readable sentence for an error shown in a view or the status bar, never a stack trace. */
public final class UiErrors {

    private UiErrors() {}

    /** The first line of the error's message: engine messages may go on with advice (see {@link #details}). */
    public static String describe(Throwable error) {
        String message = message(error);
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** What the message says after its first line (e.g. where to put a data set's files), or "". */
    public static String details(Throwable error) {
        String message = message(error);
        int newline = message.indexOf('\n');
        return newline < 0 ? "" : message.substring(newline + 1).strip();
    }

    private static String message(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof UncheckedIOException || cause instanceof java.util.concurrent.ExecutionException
                || cause.getClass() == RuntimeException.class) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoSuchFileException) {
            return cause.getMessage() + " does not exist";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
