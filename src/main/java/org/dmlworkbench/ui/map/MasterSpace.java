package org.dmlworkbench.ui.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dmlworkbench.guided.MasterFiles;
import org.dmlworkbench.guided.NpyMatrix;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.ui.runview.LoadedRun;

/**
 * A guided run's master space: Z-hat, the GEMINI master's embedding of each training image, kept
 * in RUN/master/targets.npy (or the master folder the run names), shown as a run view of the
 * training split.
 */
public final class MasterSpace {

    private MasterSpace() {}

    /** Z-hat's file for a guided run, or null for other runs. */
    public static Path targets(LoadedRun run) {
        return MasterFiles.ofRun(run.run(), run.manifest().config()).map(MasterFiles::targets).orElse(null);
    }

    /** Whether the run is guided and its master's Z-hat is on disk (file-system check). */
    public static boolean available(LoadedRun run) {
        Path file = targets(run);
        return file != null && Files.isRegularFile(file);
    }

    /**
     * Reads Z-hat (file work: call it off the JavaFX thread).
     *
     * @throws IOException when the file is missing, unreadable, or does not hold one row per
     *     training image
     */
    public static LoadedRun open(LoadedRun run) throws IOException {
        Path file = targets(run);
        if (file == null) {
            throw new IOException("the run " + run.run().name() + " is not a guided run: it has no master");
        }
        NpyMatrix zHat = NpyMatrix.read(file);
        int trainSize = run.dataset().train().size();
        if (zHat.rows() != trainSize) {
            throw new IOException(file + " holds " + zHat.rows() + " rows, but the training split has "
                    + trainSize + " images");
        }
        Path root = run.run().root().toAbsolutePath();
        Path shownFile = file.toAbsolutePath().startsWith(root) ? root.relativize(file.toAbsolutePath()) : file;
        String notes = String.format(Locale.ROOT, "Master space: the GEMINI master's %d-d embedding (Z-hat)"
                + " of the %,d training images, from %s.", zHat.columns(), zHat.rows(), shownFile);
        Embeddings embeddings = new Embeddings(zHat.data(), zHat.rows(), zHat.columns());
        return run.view("train", embeddings, notes,
                "master:" + file.toAbsolutePath() + "@" + Files.getLastModifiedTime(file).toMillis());
    }
}
