package org.dmlworkbench.transfer;

import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.evaluation.RetrievalEvaluator;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Asymmetric testing: queries embedded by one model (the student), the gallery by another (the
 * teacher), so a small model can search a gallery indexed once by a large one. With the gallery
 * being the query split itself, query i is compared with the teacher's vectors of every other
 * item, its own excluded by index, exactly as in the symmetric leave-one-out protocol.
 */
public final class AsymmetricRetrieval {

    private AsymmetricRetrieval() {}

    /**
     * @param gallery the gallery images, or null for the queries themselves (each query's own
     *     item excluded)
     */
    public static RetrievalMetrics evaluate(Embedder queryModel, Embedder galleryModel,
            ImageSet queries, ImageSet gallery, RetrievalEvaluator evaluator,
            ProgressListener progress, Cancellation cancel) {
        Embeddings queryVectors = queryModel.embed(queries, progress, cancel);
        ImageSet galleryImages = gallery == null ? queries : gallery;
        Embeddings galleryVectors = galleryModel.embed(galleryImages, progress, cancel);
        return evaluate(queryVectors, galleryVectors, queries.labels(), galleryImages.labels(),
                gallery == null, evaluator, progress, cancel);
    }

    /**
     * @throws IllegalArgumentException when the gallery run takes images of another shape than
     *     the data or embeds into another dimension than the query run
     */
    public static void checkGalleryModel(RunManifest gallery, java.nio.file.Path run, Dataset dataset,
            int queryDim) {
        RunManifest.DataInfo data = gallery.data();
        ImageSet train = dataset.train();
        if (data.channels() != train.channels() || data.height() != train.height()
                || data.width() != train.width()) {
            throw new IllegalArgumentException("the gallery run " + run + " takes " + data.channels()
                    + "x" + data.height() + "x" + data.width() + " images but '" + dataset.name()
                    + "' has " + train.channels() + "x" + train.height() + "x" + train.width());
        }
        int galleryDim = gallery.config().model().embeddingDim();
        if (galleryDim != queryDim) {
            throw new IllegalArgumentException("the gallery run " + run + " embeds into " + galleryDim
                    + " dimensions but the query run into " + queryDim
                    + "; asymmetric testing needs one shared space");
        }
    }

    /** Same as above from embeddings already computed. */
    public static RetrievalMetrics evaluate(Embeddings queryVectors, Embeddings galleryVectors,
            int[] queryLabels, int[] galleryLabels, boolean sameItems, RetrievalEvaluator evaluator,
            ProgressListener progress, Cancellation cancel) {
        if (queryVectors.dim() != galleryVectors.dim()) {
            throw new IllegalArgumentException("the query model embeds into " + queryVectors.dim()
                    + " dimensions but the gallery model into " + galleryVectors.dim()
                    + "; asymmetric testing needs one shared space");
        }
        if (sameItems) {
            if (!java.util.Arrays.equals(queryLabels, galleryLabels)) {
                throw new IllegalArgumentException("the query and gallery embeddings must be of the"
                        + " same items in the same order when each query excludes its own item");
            }
            return evaluator.evaluateSameItems(queryVectors, galleryVectors, queryLabels, progress,
                    cancel);
        }
        return evaluator.evaluate(queryVectors, queryLabels, galleryVectors, galleryLabels, false,
                progress, cancel);
    }
}
