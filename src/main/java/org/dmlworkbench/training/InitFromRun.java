package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.Fingerprints;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelFiles;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.config.TrainingConfig;

/**
 * {@code --init-from RUN}: a new run starts from an earlier run's trained backbone (parameters
 * and batch-norm running statistics), trained on any data set, with a new embedding layer and
 * classifier. The backbones must be the same architecture (the resolved stem included) on images
 * with the same number of channels; the image size may differ.
 */
final class InitFromRun {

    private InitFromRun() {}

    /**
     * Refuses, before anything is written, a source run that cannot start this config: unreadable,
     * never trained, another architecture or other input channels.
     */
    static void check(TrainingConfig config, Dataset dataset) {
        RunDirectory run = source(config);
        RunManifest manifest = readManifest(run);
        if (!Files.isRegularFile(run.modelFile()) && !run.hasCheckpoint()) {
            throw new IllegalArgumentException("cannot start from --init-from " + run + ": it has not"
                    + " trained yet (no model.params, no checkpoint)");
        }
        ModelSpec theirs = manifest.config().model();
        if (theirs.isTorchScript()) {
            throw new IllegalArgumentException("cannot start from --init-from " + run + ": its backbone"
                    + " was imported from a TorchScript file; start from that file with --backbone");
        }
        ImageSet train = dataset.train();
        int theirChannels = manifest.data().channels();
        if (theirChannels != train.channels()) {
            throw new IllegalArgumentException("cannot start from --init-from " + run + ": it was"
                    + " trained on " + theirChannels + "-channel images and '" + dataset.name()
                    + "' has " + train.channels() + "-channel images; the backbone's first layer"
                    + " takes a fixed number of channels");
        }
        ModelSpec ours = config.model().forImageSize(Math.min(train.height(), train.width()));
        String difference = difference(resolved(manifest), ours);
        if (difference != null) {
            throw new IllegalArgumentException("cannot start from --init-from " + run + ": its backbone"
                    + " differs from this run's (" + difference + "); give the same model options"
                    + " as that run");
        }
    }

    /** The source run's model, in words, with the checksum of its parameters. */
    static String describe(TrainingConfig config) {
        RunDirectory run = source(config);
        Path parameters = run.modelFile();
        String checksum;
        try {
            checksum = Files.isRegularFile(parameters) ? Fingerprints.sha256(parameters)
                    : "not finished; its last checkpoint";
        } catch (IOException e) {
            checksum = "unreadable: " + e.getMessage();
        }
        return "the backbone of run " + run + " (" + parameters.getFileName() + " sha256 "
                + checksum + ")";
    }

    /** Copies the source run's backbone into {@code net}'s (initialised) backbone. */
    static void copyBackbone(TrainingConfig config, EmbeddingNet net, NDManager manager,
            Device device) throws IOException {
        RunDirectory run = source(config);
        try (TrainedModel source = TrainedModel.open(run, device)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                source.net().backbone().saveParameters(out);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                ModelFiles.loadParameters(net.backbone(), manager, in, Path.of(source.parameterSource()));
            }
        }
    }

    private static RunDirectory source(TrainingConfig config) {
        return new RunDirectory(Path.of(config.backbone().initFrom()));
    }

    private static RunManifest readManifest(RunDirectory run) {
        try {
            return run.readManifest();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot start from --init-from " + run.root() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The source run's spec with the stem it was built with. */
    private static ModelSpec resolved(RunManifest manifest) {
        ModelSpec spec = manifest.config().model();
        String stem = manifest.model().stem();
        RunManifest.DataInfo data = manifest.data();
        return stem != null && spec.isResNet() ? spec.withStem(stem)
                : spec.forImageSize(Math.min(data.height(), data.width()));
    }

    /** The first difference between two backbones ("there vs here"), or null when they match. */
    static String difference(ModelSpec theirs, ModelSpec ours) {
        if (!theirs.family().equals(ours.family())) {
            return "model " + theirs.family() + " there, " + ours.family() + " here";
        }
        if (theirs.isResNet()) {
            return theirs.stem().equals(ours.stem()) ? null : "stem " + theirs.stem() + " there, "
                    + ours.stem() + " here; --stem " + theirs.stem() + " gives that run's";
        }
        String[][] fields = {
            {"involution layers", "" + theirs.involutionLayers(), "" + ours.involutionLayers()},
            {"conv widths", "" + theirs.convWidths(), "" + ours.convWidths()},
            {"involution", "" + theirs.involution(), "" + ours.involution()},
            {"activation", theirs.activation(), ours.activation()},
            {"stage pooling", theirs.stagePooling(), ours.stagePooling()},
            {"attention", theirs.attention(), ours.attention()},
        };
        for (String[] field : fields) {
            if (!field[1].equals(field[2])) {
                return field[0] + " " + field[1] + " there, " + field[2] + " here";
            }
        }
        return null;
    }
}
