package org.dmlworkbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one sentence a user can act on. */
final class UserErrors {

    private UserErrors() {}

    static String describe(Throwable e) {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return cause.getMessage() + " does not exist";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied: " + cause.getMessage();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            message = cause.getClass().getSimpleName();
        }
        if (cause instanceof IOException || cause instanceof IllegalArgumentException
                || cause instanceof IllegalStateException) {
            return message;
        }
        return message + " (" + cause.getClass().getSimpleName() + ")";
    }
}
