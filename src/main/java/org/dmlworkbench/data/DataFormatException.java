package org.dmlworkbench.data;

import java.nio.file.Path;

/** A data file that cannot be read as what it claims to be; the message names file and problem. */
public class DataFormatException extends RuntimeException {

    private final String file;

    public DataFormatException(Path file, String problem) {
        this(String.valueOf(file), problem, null);
    }

    /** For files named by a string: a classpath resource, "file#record", a URL. */
    public DataFormatException(String file, String problem) {
        this(file, problem, null);
    }

    public DataFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or file#entry) at fault. */
    public String file() {
        return file;
    }
}
