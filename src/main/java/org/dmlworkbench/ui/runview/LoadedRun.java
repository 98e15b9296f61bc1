package org.dmlworkbench.ui.runview;

import java.util.concurrent.atomic.AtomicBoolean;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.TrainedModel;

/**
 * A run opened for the map and query panels: its model, its data and the embeddings of the
 * split the map shows. The model is shared, so engine calls go through
 * {@link ActiveRunSession#useEngine}; the session closes it when another run becomes active.
 */
public final class LoadedRun {

    private final RunDirectory run;
    private final RunManifest manifest;
    private final TrainedModel model;
    private final Dataset dataset;
    private final String split;
    private final Embeddings embeddings;
    private final String notes;
    private final ParameterStamp stamp;
    private final String contentKey;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean ownsModel;

    LoadedRun(RunDirectory run, RunManifest manifest, TrainedModel model, Dataset dataset,
            String split, Embeddings embeddings, String notes, ParameterStamp stamp,
            String dataFingerprint) {
        this(run, manifest, model, dataset, split, embeddings, notes, stamp, dataFingerprint, true);
    }

    private LoadedRun(RunDirectory run, RunManifest manifest, TrainedModel model, Dataset dataset,
            String split, Embeddings embeddings, String notes, ParameterStamp stamp,
            String dataFingerprint, boolean ownsModel) {
        this.ownsModel = ownsModel;
        this.run = run;
        this.manifest = manifest;
        this.model = model;
        this.dataset = dataset;
        this.split = split;
        this.embeddings = embeddings;
        this.notes = notes;
        this.stamp = stamp;
        this.contentKey = run.root().toAbsolutePath() + "|" + stamp.file() + "|"
                + stamp.modifiedMillis() + "|" + dataFingerprint + "|" + split;
    }

    public RunDirectory run() {
        return run;
    }

    public RunManifest manifest() {
        return manifest;
    }

    /** The trained network; use it only inside {@link ActiveRunSession#useEngine}. */
    public TrainedModel model() {
        return model;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The split that was embedded ("test"). */
    public String split() {
        return split;
    }

    /** The images of {@link #split()}, one per embedding row. */
    public ImageSet points() {
        return split.equals("train") ? dataset.train() : dataset.test();
    }

    public Embeddings embeddings() {
        return embeddings;
    }

    public String className(int label) {
        java.util.List<String> names = dataset.classNames();
        return label >= 0 && label < names.size() ? names.get(label) : "unknown";
    }

    /** What the status line says about this run: data, parameter file, caveats. */
    public String notes() {
        return notes;
    }

    /**
     * Names what the embeddings were computed from (run folder, parameter file and its time, data
     * fingerprint, split): equal keys mean equal embeddings, so results derived from them can be
     * kept across reopenings of the run.
     */
    public String contentKey() {
        return contentKey;
    }

    /**
     * The same run and data showing other embeddings of a split, e.g. a guided run's master space
     * (Z-hat of the training images). The view shares this run's model and never closes it.
     *
     * @param source names where the embeddings come from (a file and its time), for
     *     {@link #contentKey()}
     */
    public LoadedRun view(String viewSplit, Embeddings viewEmbeddings, String viewNotes, String source) {
        return new LoadedRun(run, manifest, model, dataset, viewSplit, viewEmbeddings, viewNotes, stamp,
                source, false);
    }

    ParameterStamp stamp() {
        return stamp;
    }

    public boolean isClosed() {
        return closed.get();
    }

    void close() {
        if (closed.compareAndSet(false, true) && ownsModel) {
            model.close();
        }
    }

    @Override
    public String toString() {
        return "LoadedRun[" + run.name() + ", " + embeddings.count() + " x " + embeddings.dim() + "]";
    }
}
