package org.dmlworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.SplitSpec;
import org.dmlworkbench.progress.ProgressListener;
import picocli.CommandLine.Option;

/** Where data sets are looked for and how strictly they are read; shared by every command. */
final class DataOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder searched first for named data sets (DIR/<name>, then DIR)."
                    + " Default: $DMLWB_DATA.")
    Path dataDir;

    @Option(names = "--offline",
            description = "Never download; a missing data set is an error saying where to put it.")
    boolean offline;

    @Option(names = "--skip-bad",
            description = "Skip unreadable images in folders (they are counted and listed) instead"
                    + " of failing.")
    boolean skipBad;

    Path effectiveDataDir() {
        return DatasetLocator.dataDirFrom(dataDir == null ? null : dataDir.toString(), System.getenv());
    }

    Dataset load(String nameOrPath, ProgressListener progress) throws IOException {
        return load(nameOrPath, SplitSpec.auto(), progress);
    }

    /** The data set divided into training and test images as {@code split} says. */
    Dataset load(String nameOrPath, SplitSpec split, ProgressListener progress) throws IOException {
        return load(nameOrPath, split, 0, progress);
    }

    /**
     * The data set divided as {@code split} says, its images brought to squares of
     * {@code imageSize} pixels (0: the size the data decides).
     */
    Dataset load(String nameOrPath, SplitSpec split, int imageSize, ProgressListener progress)
            throws IOException {
        return new DatasetLocator(DatasetLocator.Options.defaults()
                .withDataDir(effectiveDataDir())
                .withOffline(offline)
                .withSkipBad(skipBad)
                .withConversion(ConversionPolicy.square(imageSize))
                .withProgress(progress))
                .load(nameOrPath, split);
    }
}
