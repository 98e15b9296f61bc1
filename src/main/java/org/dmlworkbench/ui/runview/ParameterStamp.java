package org.dmlworkbench.ui.runview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.run.RunDirectory;

/**
 * Which parameter file a run would load now and when it was written, so a panel shown again can
 * tell that training has since saved newer parameters.
 *
 * @param file model.params, else the checkpoint, else null (nothing trained yet)
 */
record ParameterStamp(Path file, long modifiedMillis) {

    static ParameterStamp of(RunDirectory run) {
        Path file = Files.isRegularFile(run.modelFile()) ? run.modelFile()
                : run.hasCheckpoint() ? run.checkpointFile() : null;
        if (file == null) {
            return new ParameterStamp(null, 0);
        }
        try {
            return new ParameterStamp(file, Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            return new ParameterStamp(file, -1);
        }
    }

    boolean hasParameters() {
        return file != null;
    }
}
