package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.Fingerprints;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.model.BackboneSpec;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;

/**
 * Where a run's backbone starts ({@link BackboneSpec}): the checks before a run folder is
 * created, the input normalisation, the record of the starting point and the loading of the
 * starting weights.
 */
public final class BackboneSetup {

    private BackboneSetup() {}

    /**
     * Refuses, in one sentence naming the file or run, a starting point that does not fit the
     * data: an --init-from run of another architecture or other channels, an imported backbone
     * whose expected size is not the data's, ImageNet normalisation of images that are not RGB.
     * (An imported backbone's forward at the data's size is tried when the manifest describes the
     * model, before this.)
     */
    public static void check(TrainingConfig config, Dataset dataset) {
        BackboneSpec backbone = config.backbone();
        ImageSet train = dataset.train();
        if (backbone.initFrom() != null) {
            InitFromRun.check(config, dataset);
        }
        if (backbone.torchScript() != null && backbone.inputSize() > 0
                && (train.height() != backbone.inputSize() || train.width() != backbone.inputSize())) {
            throw new IllegalArgumentException(backbone.torchScript() + " expects "
                    + backbone.inputSize() + "x" + backbone.inputSize() + " images (--backbone-size "
                    + backbone.inputSize() + ") but '" + dataset.name() + "' gives " + train.height()
                    + "x" + train.width() + "; resize the images to " + backbone.inputSize() + " px");
        }
        if (backbone.normalization().equals("imagenet")) {
            normalization(config, train);
        }
    }

    /** The per-channel normalisation the network's inputs get. */
    public static Normalization normalization(TrainingConfig config, ImageSet train) {
        if (!config.backbone().normalization().equals("imagenet")) {
            return Normalization.fit(train);
        }
        if (train.channels() != BackboneSpec.IMAGENET_MEAN.length) {
            throw new IllegalArgumentException("ImageNet normalisation (--backbone-normalization"
                    + " imagenet) is for 3-channel colour images; the data has " + train.channels()
                    + " channel(s): use --backbone-normalization data");
        }
        return new Normalization(BackboneSpec.IMAGENET_MEAN, BackboneSpec.IMAGENET_STD);
    }

    /** Where the backbone's weights start, in words, for the run's config.json. */
    static String describe(TrainingConfig config, RunNetwork network) {
        BackboneSpec backbone = config.backbone();
        String training = backbone.frozen() ? "frozen (inference mode, only the heads train)"
                : "fine-tuned";
        if (backbone.initFrom() != null) {
            return InitFromRun.describe(config) + ", " + training;
        }
        if (backbone.torchScript() != null) {
            Path file = Path.of(backbone.torchScript());
            String checksum;
            try {
                checksum = Fingerprints.sha256(file);
            } catch (IOException e) {
                checksum = "unreadable: " + e.getMessage();
            }
            return "TorchScript " + file.toAbsolutePath() + " (sha256 " + checksum + "), returning "
                    + network.importedOutput() + ", " + training + ", inputs "
                    + (backbone.inputSize() > 0 ? backbone.inputSize() + " px" : "at the data's size")
                    + ", " + backbone.normalization() + " normalisation";
        }
        return "random initialisation (seed " + config.seed() + ")";
    }

    /**
     * Keeps a copy of an imported backbone in the run, so the run trains, resumes and embeds
     * from the same module even if the user's file changes or goes.
     */
    static void keepImportedFile(TrainingConfig config, RunDirectory run) throws IOException {
        if (config.backbone().torchScript() != null) {
            Files.copy(Path.of(config.backbone().torchScript()), run.backboneFile(),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Loads the starting weights into a freshly initialised network (not when resuming: a
     * checkpoint holds them): an earlier run's backbone. An imported backbone brought its own.
     */
    static void loadStartingWeights(TrainingConfig config, EmbeddingNet net, NDManager manager,
            Device device) throws IOException {
        if (config.backbone().initFrom() != null) {
            InitFromRun.copyBackbone(config, net, manager, device);
        }
    }
}
