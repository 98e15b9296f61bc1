package org.dmlworkbench.ui.map;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.paint.Color;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.projection.BarnesHutTsneProjector;
import org.dmlworkbench.projection.ExactTsneProjector;
import org.dmlworkbench.projection.IdentityProjector;
import org.dmlworkbench.projection.PcaProjector;
import org.dmlworkbench.projection.Projection;
import org.dmlworkbench.projection.Projector;
import org.dmlworkbench.projection.UmapProjector;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.ui.Jobs;
import org.dmlworkbench.ui.runview.ActiveRunSession;
import org.dmlworkbench.ui.runview.ErrorText;
import org.dmlworkbench.ui.runview.LoadedRun;

/**
 * State of the embedding map: which projection, its progress, the computed map (cached per run
 * and method for the session), the colouring and the clicked point's neighbours. Projections run
 * in the background through {@link Jobs}; their high-rate progress reaches the JavaFX thread
 * coalesced.
 */
public final class MapViewModel {

    /** How points are coloured. */
    public enum ColourMode {
        TRUE_CLASS("True class"), NN_WRONG("1-NN is wrong");

        private final String label;

        ColourMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One legend row. */
    public record LegendEntry(String name, Color colour, int count) {}

    /** Colours of the map points for the current mode: a palette index per point. */
    public record Colouring(int[] colourOf, Color[] palette, List<LegendEntry> legend) {}

    /** Neighbours listed for the clicked point. */
    public static final int NEIGHBOURS = 10;

    private final ActiveRunSession session;
    private final Jobs jobs;
    private final ObservableList<String> methods = FXCollections.observableArrayList(
            PcaProjector.METHOD, BarnesHutTsneProjector.METHOD, UmapProjector.METHOD,
            ExactTsneProjector.METHOD);
    private final StringProperty method = new SimpleStringProperty(PcaProjector.METHOD);
    private final ObjectProperty<ColourMode> colourMode = new SimpleObjectProperty<>(ColourMode.TRUE_CLASS);
    private final ObjectProperty<MapSpace> space = new SimpleObjectProperty<>(MapSpace.STUDENT);
    private final ReadOnlyBooleanWrapper guided = new ReadOnlyBooleanWrapper(false);
    /** The loaded run's master space once read, or null. */
    private LoadedRun master;
    private boolean changingRun;
    private final ReadOnlyObjectWrapper<MapData> map = new ReadOnlyObjectWrapper<>();
    private final ProjectionProgress progress = new ProjectionProgress();
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<Neighbor>> neighbours = new ReadOnlyObjectWrapper<>(List.of());
    private final Map<String, MapData> cache = new HashMap<>();
    /** Projections by run content and method, kept for the session across run switches. */
    private final KeptProjections projections = new KeptProjections();
    private final ExecutorService neighbourSearch = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workbench-map-neighbours");
        thread.setDaemon(true);
        return thread;
    });
    private Cancellation running;
    private int generation;
    private int neighbourRequest;

    public MapViewModel(ActiveRunSession session, Jobs jobs) {
        this.session = session;
        this.jobs = jobs;
        session.loadedProperty().addListener((obs, old, run) -> runChanged(run));
        method.addListener((obs, old, now) -> methodChanged());
        space.addListener((obs, old, now) -> {
            if (!changingRun) {
                showSpace();
            }
        });
        runChanged(session.loaded());
    }

    public ObservableList<String> methods() {
        return methods;
    }

    public StringProperty methodProperty() {
        return method;
    }

    public ObjectProperty<ColourMode> colourModeProperty() {
        return colourMode;
    }

    public ObjectProperty<MapSpace> spaceProperty() {
        return space;
    }

    /** Whether the loaded run is guided and keeps its master's Z-hat, so the space can be chosen. */
    public ReadOnlyBooleanProperty guidedProperty() {
        return guided.getReadOnlyProperty();
    }

    /** The run view the map shows: the loaded run, or its master space. */
    private LoadedRun shown() {
        return space.get() == MapSpace.MASTER ? master : session.loaded();
    }

    /** The map on show, or null. */
    public ReadOnlyObjectProperty<MapData> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty projectingProperty() {
        return progress.projectingProperty();
    }

    /** 0..1, or -1 while the current step has no known length. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.progressProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progress.progressTextProperty();
    }

    /** The projection's notes and timing, or what to do next. */
    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** The clicked point's nearest shown points (map point indices), nearest first. */
    public ReadOnlyObjectProperty<List<Neighbor>> neighboursProperty() {
        return neighbours.getReadOnlyProperty();
    }

    /** Shows the chosen method's map: from the cache, else computed in the background. */
    public void project() {
        LoadedRun run = shown();
        if (run == null || progress.isProjecting()) {
            return;
        }
        MapData cached = cache.get(method.get());
        if (cached != null) {
            show(cached);
            return;
        }
        Projector projector = ProjectionMethods.projector(method.get());
        List<MapData> reusable = List.copyOf(cache.values());
        Projection known = projections.get(run, method.get());
        int job = ++generation;
        progress.start(projector.name() + "...");
        running = jobs.submit(projector.name(), (listener, cancel) -> {
            Projection projection = known != null ? known
                    : projector.project(run.embeddings(), (name, done, total, unit) -> {
                        listener.update(name, done, total, unit);
                        progress.post(name, done, total, unit);
                    }, cancel);
            progress.post("leave-one-out 1-NN", 0, 0, "");
            listener.update("1-NN check", 0, 1, "steps");
            return MapData.build(run, projection, reusable, cancel);
        }, data -> {
            if (job != generation) {
                return;
            }
            finished("");
            cache.put(data.projection().method(), data);
            projections.put(run, data.projection());
            if (data.projection().method().equals(method.get())) {
                show(data);
            } else {
                methodChanged();
            }
        }, error -> {
            if (job == generation) {
                finished("");
                notes.set(projector.name() + " failed: " + ErrorText.of(error));
            }
        });
    }

    /** Stops the running projection; the map on show stays. */
    public void cancel() {
        if (running != null && progress.isProjecting()) {
            running.cancel();
            generation++;
            finished("");
            notes.set(method.get() + " was cancelled."
                    + (map.get() == null ? "" : " Still showing " + map.get().projection().method() + "."));
        }
    }

    /** Recomputes the neighbour list for a clicked map point (-1 clears it). */
    public void selectPoint(int point) {
        int request = ++neighbourRequest;
        MapData data = map.get();
        if (data == null || point < 0 || point >= data.size()) {
            neighbours.set(List.of());
            session.selectedPointProperty().set(null);
            return;
        }
        // The Query panel searches with the loaded run's own split; master points are not offered.
        session.selectedPointProperty().set(data.run() != session.loaded() ? null
                : new ActiveRunSession.MapPoint(data.run(), data.imageIndex(point)));
        neighbourSearch.submit(() -> {
            List<Neighbor> found = data.neighbours(point, NEIGHBOURS);
            Platform.runLater(() -> {
                if (request == neighbourRequest && data == map.get()) {
                    neighbours.set(found);
                }
            });
        });
    }

    /** Point colours and legend for the map on show and the colour mode. */
    public Colouring colouring() {
        return PointColours.of(map.get(), colourMode.get());
    }

    private void show(MapData data) {
        map.set(data);
        neighbours.set(List.of());
        Projection p = data.projection();
        String what = p.notes();
        if (data.run() != session.loaded()) {
            // The projector's notes speak of "the model"; a view says whose embeddings these are.
            what = data.run().notes() + (p.method().equals(IdentityProjector.METHOD)
                    ? " Shown as is, without projection." : " " + p.notes());
        }
        String leftOut = LeftOutText.of(data.run(), p);
        notes.set(what + (leftOut.isEmpty() ? "" : " " + leftOut)
                + String.format(Locale.ROOT, " Computed in %.1f s.", p.elapsedMillis() / 1000.0));
    }

    private void finished(String text) {
        progress.finish(text);
        running = null;
    }

    private void runChanged(LoadedRun run) {
        master = null;
        boolean hasMaster = run != null && MasterSpace.available(run);
        guided.set(hasMaster);
        changingRun = true;
        try {
            if (!hasMaster) {
                space.set(MapSpace.STUDENT);
            }
        } finally {
            changingRun = false;
        }
        showSpace();
    }

    private void showSpace() {
        if (running != null) {
            running.cancel();
        }
        generation++;
        finished("");
        cache.clear();
        map.set(null);
        neighbours.set(List.of());
        if (space.get() == MapSpace.MASTER && master == null && session.loaded() != null) {
            readMaster(session.loaded());
            return;
        }
        LoadedRun run = shown();
        boolean twoD = run != null && run.embeddings().dim() == 2;
        if (twoD && !methods.contains(IdentityProjector.METHOD)) {
            methods.add(0, IdentityProjector.METHOD);
        } else if (!twoD) {
            methods.remove(IdentityProjector.METHOD);
            if (!methods.contains(method.get())) {
                method.set(PcaProjector.METHOD);
            }
        }
        if (run == null) {
            notes.set("");
            return;
        }
        if (ProjectionMethods.isQuick(method.get()) || projections.contains(run, method.get())) {
            project();
        } else {
            methodChanged();
        }
    }

    /** Reads Z-hat in the background, then shows it: as it is when 2-d, else projected. */
    private void readMaster(LoadedRun run) {
        int job = ++generation;
        progress.start("Reading the master's embeddings...");
        running = jobs.submit("Reading the master's embeddings", (listener, cancel) -> MasterSpace.open(run),
                view -> {
                    if (job != generation || session.loaded() != run || space.get() != MapSpace.MASTER) {
                        return;
                    }
                    finished("");
                    if (view.embeddings().dim() == 2) {
                        // Set while no master is shown, so the method change alone projects nothing.
                        if (!methods.contains(IdentityProjector.METHOD)) {
                            methods.add(0, IdentityProjector.METHOD);
                        }
                        method.set(IdentityProjector.METHOD);
                    }
                    master = view;
                    showSpace();
                }, error -> {
                    if (job == generation) {
                        finished("");
                        notes.set("The master's embeddings cannot be shown: " + ErrorText.of(error));
                    }
                });
    }

    private void methodChanged() {
        if (shown() == null || progress.isProjecting()) {
            return;
        }
        MapData cached = cache.get(method.get());
        if (cached != null) {
            show(cached);
        } else if (ProjectionMethods.isQuick(method.get())
                || projections.contains(shown(), method.get())) {
            project();
        } else {
            notes.set("Press Project to compute " + method.get() + " for "
                    + String.format(Locale.ROOT, "%,d", shown().embeddings().count())
                    + " points; it runs in the background and Cancel stops it.");
        }
    }
}
