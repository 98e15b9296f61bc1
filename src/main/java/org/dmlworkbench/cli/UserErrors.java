package org.dmlworkbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.DatasetNotFoundException;

/**
 * Turns a failure into what a person reads: one sentence. Input to fix (a missing file, a bad
 * option, unreadable data, too little memory) says only that; anything else is unexpected, a bug
 * to report, and also names the exception's class.
 */
final class UserErrors {

    /**
     * @param sentence what to print after "error: "
     * @param inputToFix true when the user can act on the sentence alone
     */
    record Report(String sentence, boolean inputToFix) {}

    private UserErrors() {}

    static Report describe(Throwable e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof NoSuchFileException missing) {
            return new Report(missing.getFile() + " does not exist", true);
        }
        if (cause instanceof AccessDeniedException denied) {
            return new Report("permission denied: " + denied.getFile(), true);
        }
        if (cause instanceof FileAlreadyExistsException exists) {
            return new Report(exists.getFile() + " already exists", true);
        }
        if (cause instanceof FileSystemException system && system.getReason() != null) {
            return new Report(system.getFile() + ": " + system.getReason(), true);
        }
        if (cause instanceof OutOfMemoryError) {
            return new Report(outOfMemory(), true);
        }
        String message = cause.getMessage();
        boolean expected = cause instanceof IOException || cause instanceof IllegalArgumentException
                || cause instanceof DataFormatException || cause instanceof DatasetNotFoundException;
        if (message == null || message.isBlank()) {
            return new Report(cause.getClass().getSimpleName(), false);
        }
        return expected ? new Report(message, true)
                : new Report(message + " (" + cause.getClass().getSimpleName() + ")", false);
    }

    static String outOfMemory() {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        return "ran out of memory (Java may use at most " + maxMb + " MB here): give it more with"
                + " JAVA_TOOL_OPTIONS=-Xmx4g (or more), or use a smaller --batch or image size";
    }
}
