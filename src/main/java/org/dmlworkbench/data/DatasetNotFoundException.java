package org.dmlworkbench.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A data set that is not on this computer and could not (or may not) be downloaded. The message
 * says which files to put into which folder.
 */
public class DatasetNotFoundException extends RuntimeException {

    private final String name;
    private final List<Path> searched;

    public DatasetNotFoundException(String name, String message, List<Path> searched, Throwable cause) {
        super(message, cause);
        this.name = name;
        this.searched = List.copyOf(searched);
    }

    /** The name or path that was asked for. */
    public String name() {
        return name;
    }

    /** The folders searched, in lookup order. */
    public List<Path> searched() {
        return searched;
    }
}
