package org.dmlworkbench.study;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.io.Json;

/**
 * {@code study-state.json}: what became of each run, rewritten atomically after every change.
 * The run folders' own status files stay the truth; this is the study's summary of them.
 */
public final class StudyState {

    /** What became of one run. */
    public enum Status { PENDING, RUNNING, COMPLETED, STOPPED, FAILED }

    /** One run's entry. */
    public static final class Entry {
        public String id;
        public String folder;
        public Status status = Status.PENDING;
        public String message = "";
        public double seconds;
        public String updated;

        Entry() {}

        Entry(String id, String folder) {
            this.id = id;
            this.folder = folder;
        }
    }

    public String study;
    public Map<String, Object> overrides = new LinkedHashMap<>();
    /** Study variables given with {@code study run --set name=value}. */
    public Map<String, String> variables = new LinkedHashMap<>();
    public List<Entry> runs = new ArrayList<>();
    public String updated;

    static StudyState fresh(StudyPlan plan) {
        StudyState state = new StudyState();
        state.study = plan.spec().name();
        state.overrides = new LinkedHashMap<>(plan.overrides());
        state.variables = new LinkedHashMap<>(plan.variables());
        for (StudyPlan.PlannedRun run : plan.runs()) {
            state.runs.add(new Entry(run.id(), run.folder()));
        }
        return state;
    }

    public static StudyState read(java.nio.file.Path file) throws IOException {
        StudyState state = Json.read(file, StudyState.class);
        if (state.runs == null) {
            state.runs = new ArrayList<>();
        }
        if (state.overrides == null) {
            state.overrides = new LinkedHashMap<>();
        }
        if (state.variables == null) {
            state.variables = new LinkedHashMap<>();
        }
        return state;
    }

    void write(java.nio.file.Path file) throws IOException {
        updated = Instant.now().toString();
        Json.write(file, this);
    }

    /** The entry for a run id, or null. */
    public Entry entry(String id) {
        return runs.stream().filter(e -> e.id.equals(id)).findFirst().orElse(null);
    }

    public long count(Status status) {
        return runs.stream().filter(e -> e.status == status).count();
    }

    void set(String id, Status status, String message, double seconds) {
        Entry entry = entry(id);
        entry.status = status;
        entry.message = message == null ? "" : message;
        entry.seconds = seconds;
        entry.updated = Instant.now().toString();
    }
}
