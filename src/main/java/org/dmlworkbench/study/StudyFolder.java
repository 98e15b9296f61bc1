package org.dmlworkbench.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dmlworkbench.run.RunDirectory;

/**
 * The layout of a study's output folder: the study file it ran, {@code study-state.json},
 * {@code runs/<id>/} (ordinary run folders), {@code report.md}, {@code summary.csv} and
 * {@code plots/}.
 */
public final class StudyFolder {

    public static final String STATE_FILE = "study-state.json";
    private static final List<String> STUDY_FILES = List.of("study.json", "study.yaml", "study.yml");

    private final Path root;

    public StudyFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path stateFile() {
        return root.resolve(STATE_FILE);
    }

    public Path runsDir() {
        return root.resolve("runs");
    }

    public RunDirectory run(StudyPlan.PlannedRun run) {
        return new RunDirectory(runsDir().resolve(run.folder()));
    }

    public Path reportFile() {
        return root.resolve("report.md");
    }

    public Path summaryFile() {
        return root.resolve("summary.csv");
    }

    public Path plotsDir() {
        return root.resolve("plots");
    }

    /** Where a copy of a study file is kept, with the source's own extension. */
    public Path studyFileFor(Path source) {
        String name = source.getFileName().toString().toLowerCase();
        return root.resolve(name.endsWith(".yaml") || name.endsWith(".yml") ? "study.yaml" : "study.json");
    }

    /** True when a study ran here before (its state or its copied study file is present). */
    public boolean holdsStudy() {
        return Files.isRegularFile(stateFile())
                || STUDY_FILES.stream().anyMatch(name -> Files.isRegularFile(root.resolve(name)));
    }

    /** The study file copied here when the study first ran. */
    public Path studyFile() throws IOException {
        for (String name : STUDY_FILES) {
            Path file = root.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IOException(root + " is not a study folder: it has no study.json (run"
                + " 'study run FILE --out " + root + "' first)");
    }

    public StudyState readState() throws IOException {
        return StudyState.read(stateFile());
    }

    /** The spec and plan this folder ran, with the overrides it was started with. */
    public StudyPlan readPlan() throws IOException {
        StudySpec spec = StudySpec.read(studyFile());
        StudyState state = Files.isRegularFile(stateFile()) ? readState() : null;
        return state == null ? StudyPlan.expand(spec, java.util.Map.of())
                : StudyPlan.expand(spec, state.overrides, state.variables);
    }
}
