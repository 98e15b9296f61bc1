package org.dmlworkbench.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.training.Devices;
import picocli.CommandLine.Option;

/** Opening a trained run and its data, for eval and query. */
final class RunOptions {

    @Option(names = "--run", paramLabel = "RUN", required = true, description = "Run folder.")
    Path run;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto",
            description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    TrainedModel open() throws IOException {
        Device chosen = Devices.resolve(device);
        return TrainedModel.open(new RunDirectory(run), chosen);
    }

    /** The run's own data set unless another is named. */
    static Dataset data(TrainedModel model, String override, DataOptions options,
            ProgressListener progress) throws IOException {
        String name = override != null ? override : model.manifest().config().data();
        var config = model.manifest().config();
        Dataset dataset = options.load(name, config.split(), config.imageSize(), progress);
        var info = model.manifest().data();
        if (dataset.train().channels() != info.channels() || dataset.train().height() != info.height()
                || dataset.train().width() != info.width()) {
            throw new IllegalArgumentException("data '" + name + "' has "
                    + dataset.train().channels() + "x" + dataset.train().height() + "x"
                    + dataset.train().width() + " images but the model takes " + info.channels()
                    + "x" + info.height() + "x" + info.width());
        }
        return dataset;
    }
}
