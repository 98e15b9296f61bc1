package org.dmlworkbench.ui;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** One readable sentence for an error shown in a view or the status bar, never a stack trace. */
public final class UiErrors {

    private UiErrors() {}

    public static String describe(Throwable error) {
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
