package org.dmlworkbench.run;

import java.util.List;
import java.util.Map;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.config.TrainingConfig;

/**
 * The content of {@code RUN/config.json}: the config that was asked for plus the provenance of
 * everything it resolved to (data fingerprint, normalisation, effective loss parameters, model
 * size, software and machine), in the spirit of Tribuo's provenance.
 *
 * @param sampling how batches are drawn, as the sampler resolved (e.g. why "auto" chose
 *     m-per-class); null in runs of earlier versions
 */
public record RunManifest(
        String workbenchVersion,
        String created,
        TrainingConfig config,
        DataInfo data,
        Normalization normalization,
        Map<String, Object> lossParameters,
        ModelInfo model,
        Environment environment,
        String sampling) {

    /**
     * What the data name resolved to.
     *
     * @param classes the data set's whole class list (labels index into it)
     * @param trainClasses the classes with training images (null in runs of earlier versions)
     * @param testClasses the classes with test images: the same as the training classes, or
     *     unseen ones (null in runs of earlier versions)
     * @param gallerySize images in a separate gallery (0: none)
     */
    public record DataInfo(String name, String format, String location, String fingerprint,
            int trainSize, int testSize, List<String> classes, int channels, int height, int width,
            String conversion, int skippedBadFiles, List<String> trainClasses,
            List<String> testClasses, int gallerySize) {

        public static DataInfo of(Dataset dataset) {
            return new DataInfo(dataset.name(), dataset.format(), dataset.location(),
                    dataset.fingerprint(), dataset.train().size(), dataset.test().size(),
                    dataset.classNames(), dataset.train().channels(), dataset.train().height(),
                    dataset.train().width(), dataset.conversion(), dataset.skippedBadFiles().size(),
                    Dataset.classesOf(dataset.train()), Dataset.classesOf(dataset.test()),
                    dataset.gallery() == null ? 0 : dataset.gallery().size());
        }
    }

    /**
     * @param parameters trainable parameters (a frozen backbone's are not counted)
     * @param classifierClasses size of the classifier head saved with the parameters (0: none)
     * @param stem the stem a ResNet's "auto" resolved to for the run's input size ("cifar" or
     *     "imagenet"); null for other models and in runs of earlier versions (whose ResNets had
     *     the CIFAR stem)
     * @param multiplyAdds multiply-adds per image at the run's input size; null when not known
     *     (an imported TorchScript backbone) and in runs of earlier versions
     * @param startedFrom where the backbone's weights came from, in words (random, an earlier
     *     run's model with its checksum, a TorchScript file with its checksum); null in runs of
     *     earlier versions
     */
    public record ModelInfo(long parameters, long sizeBytes, int classifierClasses, String stem,
            Long multiplyAdds, String startedFrom) {

        public ModelInfo(long parameters, long sizeBytes, int classifierClasses) {
            this(parameters, sizeBytes, classifierClasses, null, null, null);
        }
    }

    /** Software and machine the run used. */
    public record Environment(String java, String os, int cores, String djl, String engine,
            String device) {}

    public RunManifest {
        lossParameters = Map.copyOf(lossParameters);
    }
}
