package org.dmlworkbench.ui.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.DatasetSplits;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.SplitSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.UiErrors;
import org.dmlworkbench.ui.WorkbenchModel;

/**
 * State of the Data panel: loads a data set in the background at the config's image size,
 * divides it as the config's split says ({@link SplitChoice}, the engine's {@link DatasetSplits}),
 * publishes that as the workbench's data set, and derives what the panel shows from whichever
 * data set is current (class counts, summary, bad files, thumbnails of one class). The data as
 * read is kept, so a new split choice divides it again without reading it. All properties change
 * on the JavaFX thread.
 */
public final class DataViewModel {

    /** The named sets offered in the chooser, in the order shown. */
    public static final List<String> NAMED_SETS = List.of("sample", "mnist", "fashion-mnist", "cifar-10");
    public static final int THUMBNAILS_PER_CLASS = 200;

    /** Which split the thumbnail grid shows. */
    public enum Split {
        TRAIN, TEST;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final WorkbenchModel model;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No data set loaded yet.");
    private final ReadOnlyStringWrapper thumbnailNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty skipBad;
    private final IntegerProperty thumbnailClass = new SimpleIntegerProperty(0);
    private final ObjectProperty<Split> thumbnailSplit = new SimpleObjectProperty<>(Split.TRAIN);
    private final ObservableList<ClassCount> classCounts = FXCollections.observableArrayList();
    private final ObservableList<String> badFiles = FXCollections.observableArrayList();
    private final ObservableList<Thumbnail> thumbnails = FXCollections.observableArrayList();
    private final ExecutorService thumbnailWorker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workbench-thumbnails");
        thread.setDaemon(true);
        return thread;
    });
    /** Bumped on every thumbnail request; a worker whose request is stale stops early. */
    private final AtomicInteger thumbnailRequest = new AtomicInteger();
    private final ReadOnlyStringWrapper splitError = new ReadOnlyStringWrapper("");
    private final SplitChoice splitChoice;
    private String requested;
    private int loadRequest;
    private int splitRequest;
    /** The data as read (its own split), before the config's split divides it. */
    private Dataset raw;
    /** The last data set this view-model published; any other one is new data, as read. */
    private Dataset published;
    /** The image size the data as read was read at (0: as the data decides); -1 when set elsewhere. */
    private int loadedSize = -1;

    public DataViewModel(WorkbenchModel model) {
        this.model = model;
        this.skipBad = new SimpleBooleanProperty(model.dataOptions().skipBad());
        this.splitChoice = new SplitChoice(model);
        this.raw = model.datasetProperty().get();
        model.datasetProperty().addListener((obs, old, dataset) -> {
            if (dataset != null && dataset != published) {
                // Set elsewhere (a test, automation): the data as read, divided by its own split.
                raw = dataset;
            }
            show(dataset);
        });
        model.configProperty().addListener((obs, old, config) -> configChanged(old, config));
        splitChoice.problemProperty().addListener((obs, old, problem) -> publishProblem());
        splitError.addListener((obs, old, problem) -> publishProblem());
        thumbnailClass.addListener((obs, old, label) -> refreshThumbnails());
        thumbnailSplit.addListener((obs, old, split) -> refreshThumbnails());
        skipBad.addListener((obs, old, skip) -> reload());
        model.onShutdown(thumbnailWorker::shutdownNow);
        show(model.datasetProperty().get());
    }

    /** Loads a named set or a folder in the background; on success it becomes the workbench's data set. */
    public void open(String nameOrPath) {
        String request = nameOrPath.strip();
        requested = request;
        int generation = ++loadRequest;
        boolean skip = skipBad.get();
        loading.set(true);
        error.set("");
        errorDetails.set("");
        errorHint.set("");
        int imageSize = model.configProperty().get().imageSize();
        model.jobs().submit("Loading " + request,
                (progress, cancel) -> new DatasetLocator(model.dataOptions().withSkipBad(skip)
                        .withConversion(ConversionPolicy.square(imageSize))
                        .withProgress(progress)).load(request),
                dataset -> {
                    if (generation == loadRequest) {
                        raw = dataset;
                        loadedSize = imageSize;
                        model.configProperty().set(model.configProperty().get().toBuilder().data(request).build());
                        loading.set(false);
                        applySplit();
                    }
                },
                failure -> {
                    if (generation == loadRequest) {
                        loading.set(false);
                        showFailure(failure, skip);
                    }
                });
    }

    private void configChanged(TrainingConfig old, TrainingConfig config) {
        if (config.imageSize() != old.imageSize() && config.imageSize() != loadedSize
                && (requested != null || raw != null)) {
            // The images are brought to the size as they are read: read them again at the new one
            // (data set elsewhere is read again by the name the config holds).
            open(requested != null ? requested : config.data());
        } else if (!config.split().equals(old.split())) {
            applySplit();
        }
    }

    /**
     * Divides the data as read as the config's split says, in the background, and publishes the
     * result. Until it is published (or when the split does not fit the data) the data problem
     * keeps Start waiting: the data on show is not what a run would record.
     */
    private void applySplit() {
        Dataset source = raw;
        if (source == null) {
            return;
        }
        SplitSpec spec = model.configProperty().get().split();
        int generation = ++splitRequest;
        if (spec.isAuto()) {
            splitError.set("");
            publish(source);
            return;
        }
        splitError.set("applying the split " + spec.mode() + " to " + source.name() + "...");
        model.jobs().submitQuietly("Splitting " + source.name(),
                (progress, cancel) -> DatasetSplits.apply(source, spec),
                dataset -> {
                    if (generation == splitRequest) {
                        splitError.set("");
                        publish(dataset);
                    }
                },
                failure -> {
                    if (generation == splitRequest) {
                        splitError.set(UiErrors.describe(failure));
                    }
                });
    }

    private void publish(Dataset dataset) {
        published = dataset;
        model.datasetProperty().set(dataset);
    }

    private void publishProblem() {
        String problem = !splitChoice.problemProperty().get().isEmpty() ? splitChoice.problemProperty().get()
                : splitError.get();
        model.dataProblemProperty().set(problem);
    }

    /** The split fields of the panel. */
    public SplitChoice splitChoice() {
        return splitChoice;
    }

    /** Why the split cannot be applied to the data (or that it is being applied), or "". */
    public ReadOnlyStringProperty splitErrorProperty() {
        return splitError.getReadOnlyProperty();
    }

    /** Loads the last requested set again (after the skip-bad choice changed). */
    public void reload() {
        if (requested != null) {
            open(requested);
        }
    }

    private void showFailure(Throwable failure, boolean skip) {
        error.set(UiErrors.describe(failure));
        errorDetails.set(UiErrors.details(failure));
        errorHint.set(!skip && isBadImage(failure)
                ? "Tick \"Skip bad files\" to leave unreadable images out; they are then listed under Bad files." : "");
    }

    /** An unreadable file in an image folder (skip-bad helps), not a broken IDX or CIFAR-10 file (it does not). */
    static boolean isBadImage(Throwable failure) {
        return failure instanceof DataFormatException format && format.file() != null
                && !format.file().matches("(?i).*(ubyte(\\.gz)?|\\.bin)(#.*)?");
    }

    private void show(Dataset dataset) {
        if (dataset == null) {
            classCounts.clear();
            badFiles.clear();
            thumbnails.clear();
            return;
        }
        summary.set(DatasetDescription.summary(dataset));
        classCounts.setAll(ClassCount.of(dataset));
        badFiles.setAll(dataset.skippedBadFiles());
        if (thumbnailClass.get() >= dataset.classNames().size()) {
            thumbnailClass.set(0);
        }
        refreshThumbnails();
    }

    private void refreshThumbnails() {
        Dataset dataset = model.datasetProperty().get();
        int request = thumbnailRequest.incrementAndGet();
        thumbnails.clear();
        if (dataset == null || thumbnailWorker.isShutdown()) {
            thumbnailNote.set("");
            return;
        }
        int label = Math.min(thumbnailClass.get(), dataset.classNames().size() - 1);
        Split split = thumbnailSplit.get();
        ImageSet set = split == Split.TEST ? dataset.test() : dataset.train();
        String className = dataset.classNames().get(label);
        thumbnailNote.set("Drawing " + className + "...");
        thumbnailWorker.submit(() -> {
            try {
                List<Thumbnail> built = build(set, label, split, request);
                if (built == null) {
                    return;
                }
                int total = set.classCounts()[label];
                String note = String.format(Locale.ROOT, "%,d of %,d %s images of %s", built.size(), total,
                        split, className);
                Platform.runLater(() -> {
                    if (request == thumbnailRequest.get()) {
                        thumbnails.setAll(built);
                        thumbnailNote.set(note);
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> thumbnailNote.set("Could not draw thumbnails: " + UiErrors.describe(e)));
            }
        });
    }

    /** Null when a newer request overtook this one. */
    private List<Thumbnail> build(ImageSet set, int label, Split split, int request) {
        int[] indices = Thumbnails.indicesOf(set, label, THUMBNAILS_PER_CLASS);
        int scale = Thumbnails.scaleFor(set);
        List<Thumbnail> built = new ArrayList<>(indices.length);
        for (int index : indices) {
            if (request != thumbnailRequest.get()) {
                return null;
            }
            String description = split + " #" + index + set.source(index).map(s -> "\n" + s).orElse("");
            built.add(new Thumbnail(Thumbnails.render(set, index, scale), index, description));
        }
        return built;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Advice that follows the error sentence (where to put files), or "". */
    public ReadOnlyStringProperty errorDetailsProperty() {
        return errorDetails.getReadOnlyProperty();
    }

    /** What the user can do about the error in the panel itself, or "". */
    public ReadOnlyStringProperty errorHintProperty() {
        return errorHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty thumbnailNoteProperty() {
        return thumbnailNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public BooleanProperty skipBadProperty() {
        return skipBad;
    }

    /** Label of the class the thumbnail grid shows. */
    public IntegerProperty thumbnailClassProperty() {
        return thumbnailClass;
    }

    public ObjectProperty<Split> thumbnailSplitProperty() {
        return thumbnailSplit;
    }

    public ObservableList<ClassCount> classCounts() {
        return classCounts;
    }

    public ObservableList<String> badFiles() {
        return badFiles;
    }

    public ObservableList<Thumbnail> thumbnails() {
        return thumbnails;
    }
}
