package org.dmlworkbench.ui.query;

import java.awt.image.BufferedImage;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.search.GallerySearch;
import org.dmlworkbench.search.ImageSearch;
import org.dmlworkbench.ui.Jobs;
import org.dmlworkbench.ui.runview.ActiveRunSession;
import org.dmlworkbench.ui.runview.ErrorText;
import org.dmlworkbench.ui.runview.LoadedRun;

/**
 * State of the Query panel: k, the gallery split, and the answers to the last query (image
 * files, or a point picked on the map). Files are searched in the background; a bad file gets one
 * sentence in {@link #errorProperty()} and the other files of the same drop still get results.
 */
public final class QueryViewModel {

    /** Gallery splits offered; "train" is what a user searches. */
    public static final List<String> GALLERIES = List.of("train", "test");
    /** A gallery value naming an embedding store: this prefix, then its folder. */
    public static final String STORE_PREFIX = "store:";
    public static final int DEFAULT_K = 10;
    /** Longest wait for a run that is still opening when images are dropped. */
    private static final Duration OPENING_WAIT = Duration.ofMinutes(10);

    private final ActiveRunSession session;
    private final Jobs jobs;
    private final IntegerProperty k = new SimpleIntegerProperty(DEFAULT_K);
    private final StringProperty gallery = new SimpleStringProperty("train");
    private final ObservableList<QueryOutcome> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private Runnable repeatLast;
    private Cancellation running;
    private int generation;
    private CompletableFuture<Void> lastQuery = CompletableFuture.completedFuture(null);
    private final StoreSearches stores = new StoreSearches();
    private final javafx.beans.property.ObjectProperty<GallerySearch.Mode> storeSearch =
            new javafx.beans.property.SimpleObjectProperty<>(GallerySearch.Mode.AUTO);

    public QueryViewModel(ActiveRunSession session, Jobs jobs) {
        this.session = session;
        this.jobs = jobs;
        k.addListener((obs, old, now) -> repeat());
        storeSearch.addListener((obs, old, now) -> repeat());
        gallery.addListener((obs, old, now) -> repeat());
        session.loadedProperty().addListener((obs, old, run) -> {
            if (old != null && run != old) {
                results.clear();
                status.set("");
                repeatLast = null;
                stores.closeAll();
            }
            // A run trained on some classes and tested on others (--split classes) is about its
            // unseen classes: the training split holds none of them to find.
            if (run != null && run != old && gallery.get().equals("train")
                    && !run.dataset().testClassesAreTrained()) {
                gallery.set("test");
            }
        });
    }

    public IntegerProperty kProperty() {
        return k;
    }

    public StringProperty galleryProperty() {
        return gallery;
    }

    /** How a store is searched: by its size (default), exactly, or with its HNSW index. */
    public javafx.beans.property.ObjectProperty<GallerySearch.Mode> storeSearchProperty() {
        return storeSearch;
    }

    /** Searches the embedding store in {@code folder} ('index build') from now on. */
    public void useStore(java.nio.file.Path folder) {
        gallery.set(STORE_PREFIX + folder.toAbsolutePath());
    }

    /** One entry per query image that could be searched, in the order given. */
    public ObservableList<QueryOutcome> results() {
        return results;
    }

    /** One sentence per file that could not be searched (empty when all were fine). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What was searched, against which gallery. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Completes when the latest query's results (or errors) are on show. */
    public CompletableFuture<Void> lastQuery() {
        return lastQuery;
    }

    /**
     * Searches the gallery with each image file (folders are searched for images); what a drop
     * on the panel calls. Returns at once; results arrive on the JavaFX thread.
     */
    public void queryFiles(List<File> files) {
        List<File> given = List.copyOf(files);
        repeatLast = () -> queryFiles(given);
        start(given.size() == 1 ? given.get(0).getName() : given.size() + " items",
                (run, search, kk, listener, cancel) -> {
                    QueryFiles.Expanded expanded = QueryFiles.expand(given);
                    List<String> problems = new ArrayList<>(expanded.problems());
                    List<QueryOutcome> outcomes = new ArrayList<>();
                    int done = 0;
                    for (File file : expanded.images()) {
                        cancel.throwIfCancelled();
                        try {
                            outcomes.add(session.useEngine(run,
                                    () -> QueryOutcome.ofFile(search, run, file.toPath(), kk)));
                        } catch (Exception | OutOfMemoryError e) {
                            problems.add(QueryFiles.describe(file, e));
                        }
                        listener.update("query", ++done, expanded.images().size(), "images");
                    }
                    return new Batch(outcomes, problems);
                });
    }

    /**
     * Searches with an image already in memory (e.g. an item picked in the Data panel).
     *
     * @param label its class in the active run's data, or -1 when unknown
     */
    public void queryImage(BufferedImage image, String name, int label) {
        repeatLast = () -> queryImage(image, name, label);
        start(name, (run, search, kk, listener, cancel) -> {
            int known = search.store() == null && label < run.dataset().classNames().size() ? label : -1;
            QueryOutcome outcome = session.useEngine(run,
                    () -> QueryOutcome.ofImage(search, run, image, name, known, kk));
            return new Batch(List.of(outcome), List.of());
        });
    }

    /** Searches with the image picked on the map (itself left out when it is in the gallery). */
    public void querySelectedPoint() {
        ActiveRunSession.MapPoint point = session.selectedPointProperty().get();
        if (point == null) {
            error.set("No point is selected on the map: click one in Embedding map first.");
            return;
        }
        repeatLast = this::querySelectedPoint;
        start(point.run().split() + " #" + point.index(), (run, search, kk, listener, cancel) -> {
            if (run != point.run()) {
                throw new IllegalStateException("the map point belongs to a run that is no longer"
                        + " active; pick a point on the current map");
            }
            QueryOutcome outcome = session.useEngine(run,
                    () -> QueryOutcome.ofMapPoint(search, run, point.index(), kk));
            return new Batch(List.of(outcome), List.of());
        });
    }

    /** A query: gets the open run, its search for the chosen gallery, k and the job's tools. */
    @FunctionalInterface
    private interface QueryWork {
        Batch run(LoadedRun run, ImageSearch search, int k, ProgressListener progress,
                Cancellation cancel) throws Exception;
    }

    private record Batch(List<QueryOutcome> outcomes, List<String> problems) {}

    private void start(String what, QueryWork work) {
        if (running != null) {
            running.cancel();
        }
        if (session.stateProperty().get() == ActiveRunSession.State.NO_RUN
                || session.stateProperty().get() == ActiveRunSession.State.FAILED) {
            error.set(session.messageProperty().get());
            results.clear();
            lastQuery = CompletableFuture.completedFuture(null);
            return;
        }
        int job = ++generation;
        int kk = k.get();
        String split = gallery.get();
        StoreSearches.Key storeKey = split.startsWith(STORE_PREFIX)
                ? new StoreSearches.Key(split.substring(STORE_PREFIX.length()), storeSearch.get())
                : null;
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastQuery = done;
        busy.set(true);
        error.set("");
        status.set("Searching with " + what + "...");
        running = jobs.submit("Query", (listener, cancel) -> {
            LoadedRun run = session.awaitReady(OPENING_WAIT);
            ImageSearch search = storeKey != null ? stores.open(run, storeKey)
                    : session.search(run, split, listener, cancel);
            Batch batch = work.run(run, search, kk, listener, cancel);
            return new Object[] {batch, storeKey != null ? StoreSearches.describe(search, run)
                    : describeGallery(run, split)};
        }, result -> {
            if (job == generation) {
                show((Batch) result[0], (String) result[1]);
                busy.set(false);
            }
            done.complete(null);
        }, failure -> {
            if (job == generation) {
                // The results on show still answer the previous query; the error says this one failed.
                error.set("The search failed: " + ErrorText.of(failure));
                busy.set(false);
            }
            done.complete(null);
        });
    }

    /**
     * Shows a finished query. When none of its images could be searched, the previous results
     * stay and the status bar says why, rather than that the query is done.
     */
    private void show(Batch batch, String gallery) {
        error.set(String.join("\n", batch.problems()));
        if (batch.outcomes().isEmpty() && !batch.problems().isEmpty()) {
            int more = batch.problems().size() - 1;
            jobs.say("Query failed: " + batch.problems().get(0) + (more > 0 ? " (and " + more + " more)" : ""));
            return;
        }
        results.setAll(batch.outcomes());
        status.set(batch.outcomes().isEmpty() ? "" : String.format(Locale.ROOT,
                "%d %s against %s.", batch.outcomes().size(),
                batch.outcomes().size() == 1 ? "query" : "queries", gallery));
        if (!batch.problems().isEmpty()) {
            jobs.say(String.format(Locale.ROOT, "Query: %d searched, %d could not be read",
                    batch.outcomes().size(), batch.problems().size()));
        }
    }

    private static String describeGallery(LoadedRun run, String split) {
        int size = split.equals("train") ? run.dataset().train().size() : run.dataset().test().size();
        return String.format(Locale.ROOT, "the %s split of %s (%,d images) with run %s", split,
                run.dataset().name(), size, run.run().name());
    }

    private void repeat() {
        if (repeatLast != null && !results.isEmpty()) {
            repeatLast.run();
        }
    }
}
