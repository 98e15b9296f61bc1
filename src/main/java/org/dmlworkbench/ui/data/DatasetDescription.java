package org.dmlworkbench.ui.data;

import java.util.Locale;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;

/** The words the Data panel uses for a data set. */
public final class DatasetDescription {

    private DatasetDescription() {}

    /**
     * What the data holds and where it came from, on two lines, e.g. "2,000 train / 500 test images
     * in 10 classes, 1×28×28 grey" and "From classpath:... (image folder); conversion 1x28x28 ...".
     */
    public static String summary(Dataset dataset) {
        ImageSet train = dataset.train();
        String contents = String.format(Locale.ROOT, "%,d train / %,d test images in %d classes, %d×%d×%d %s",
                train.size(), dataset.test().size(), train.numClasses(), train.channels(), train.height(),
                train.width(), train.channels() == 1 ? "grey" : "colour");
        String conversion = dataset.conversion() == null || dataset.conversion().equals("none")
                ? "stored size, no conversion" : "conversion " + dataset.conversion();
        return contents + "\nFrom " + dataset.location() + " (" + dataset.format().replace('-', ' ') + "); "
                + conversion;
    }
}
