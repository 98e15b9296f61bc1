package org.dmlworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.evaluation.ProjectorExport;
import org.dmlworkbench.evaluation.RetrievalEvaluator;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.training.Devices;
import org.dmlworkbench.transfer.AsymmetricRetrieval;
import org.dmlworkbench.training.RunSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a run's embeddings: precision_at_1, recall_at_k (1, 2, 4, 8),"
                + " r_precision, map_at_r, nmi, ami, f1, printed as JSON.",
            "Each query's own item is excluded from its neighbours; R = number of other same-class"
                + " items; NMI/AMI by k-means with k = number of classes."})
final class EvalCommand implements Callable<Integer> {

    @Mixin
    RunOptions runOptions;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--data", paramLabel = "D", description = "Data set (default: the run's own).")
    String data;

    @Option(names = "--split", paramLabel = "S", defaultValue = "test",
            description = "Queries from the test or train split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--gallery", paramLabel = "G", defaultValue = "same",
            description = "same: queries search their own split (leave-one-out); train: the training"
                    + " set is the gallery; gallery: the data's separate gallery set, as In-Shop"
                    + " has (default: ${DEFAULT-VALUE}).")
    String gallery;

    @Option(names = "--gallery-run", paramLabel = "RUN",
            description = "Asymmetric testing: embed the gallery with this run's model (e.g. the"
                    + " teacher) and the queries with --run's (e.g. the student); both must share"
                    + " one embedding space.")
    Path galleryRun;

    @Option(names = "--embeddings-out", paramLabel = "F",
            description = "Write the query embeddings as a TensorBoard Projector TSV.")
    Path embeddingsOut;

    @Option(names = "--labels-out", paramLabel = "L",
            description = "Write the matching Projector metadata TSV (label, class).")
    Path labelsOut;

    @Override
    public Integer call() throws IOException {
        if (!split.equals("test") && !split.equals("train")) {
            throw new IllegalArgumentException("--split must be test or train, got '" + split + "'");
        }
        if (!gallery.equals("same") && !gallery.equals("train") && !gallery.equals("gallery")) {
            throw new IllegalArgumentException("--gallery must be same, train or gallery, got '"
                    + gallery + "'");
        }
        ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
        try (TrainedModel model = runOptions.open();
                TrainedModel galleryModel = galleryRun == null ? null
                        : TrainedModel.open(new RunDirectory(galleryRun), Devices.resolve(runOptions.device))) {
            Dataset dataset = RunOptions.data(model, data, dataOptions, bar);
            if (galleryModel != null) {
                AsymmetricRetrieval.checkGalleryModel(galleryModel.manifest(), galleryRun, dataset,
                        model.manifest().config().model().embeddingDim());
            }
            Embedder galleryEmbedder = galleryModel == null ? model.embedder(256)
                    : galleryModel.embedder(256);
            ImageSet queries = split.equals("test") ? dataset.test() : dataset.train();
            Embeddings queryEmbeddings = model.embedder(256).embed(queries,
                    (t, d, n, u) -> bar.update("embed " + split, d, n, u), Cancellation.none());
            RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options.defaults());
            RetrievalMetrics metrics;
            boolean separateGallery = (gallery.equals("train") && !split.equals("train"))
                    || gallery.equals("gallery");
            if (separateGallery) {
                ImageSet references = gallery.equals("train") ? dataset.train()
                        : RunSetup.galleryOf(dataset);
                Embeddings reference = galleryEmbedder.embed(references,
                        (t, d, n, u) -> bar.update("embed " + gallery, d, n, u), Cancellation.none());
                metrics = AsymmetricRetrieval.evaluate(queryEmbeddings, reference, queries.labels(),
                        references.labels(), false, evaluator, bar, Cancellation.none());
            } else if (galleryModel != null) {
                Embeddings reference = galleryEmbedder.embed(queries,
                        (t, d, n, u) -> bar.update("embed gallery " + split, d, n, u),
                        Cancellation.none());
                metrics = AsymmetricRetrieval.evaluate(queryEmbeddings, reference, queries.labels(),
                        queries.labels(), true, evaluator, bar, Cancellation.none());
            } else {
                metrics = evaluator.evaluate(queryEmbeddings, queries.labels(), queryEmbeddings,
                        queries.labels(), true, bar, Cancellation.none());
            }
            bar.finishLine();
            if (embeddingsOut != null || labelsOut != null) {
                ProjectorExport.write(embeddingsOut, labelsOut, queryEmbeddings, queries.labels(),
                        queries.classNames());
            }
            Map<String, Object> out = new LinkedHashMap<>(metrics.toJsonMap());
            out.put("protocol", separateGallery ? RunSetup.protocol(gallery)
                    : RunSetup.leaveOneOutProtocol(split));
            out.put("run", model.run().root().toString());
            if (galleryModel != null) {
                out.put("gallery_run", galleryModel.run().root().toString());
                out.put("testing", "asymmetric: queries by --run, gallery by --gallery-run");
            }
            out.put("data", dataset.name());
            out.put("split", split);
            out.put("queries", queries.size());
            System.out.println(Json.toJson(out));
            return 0;
        }
    }
}
