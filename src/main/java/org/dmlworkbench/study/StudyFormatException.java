package org.dmlworkbench.study;

import java.io.IOException;

/** A study file that cannot be used; the message names the file, the key and the problem. */
public final class StudyFormatException extends IOException {

    public StudyFormatException(String source, String key, String problem) {
        super(source + ": " + (key.isEmpty() ? "" : "'" + key + "' ") + problem);
    }

    public StudyFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
