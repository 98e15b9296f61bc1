package org.dmlworkbench.ui.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;

/** Which run folders can teach an asymmetric student: finished runs with saved parameters. */
public final class TeacherRuns {

    private TeacherRuns() {}

    /**
     * Checks that {@code folder} holds a finished run.
     *
     * @throws IllegalArgumentException saying, in one sentence, why it cannot teach
     */
    public static void requireFinished(Path folder) {
        RunDirectory run = new RunDirectory(folder);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("there is no folder " + folder);
        }
        if (!run.exists()) {
            throw new IllegalArgumentException(folder + " is not a run folder: it has no config.json");
        }
        RunStatus status;
        try {
            status = run.readStatus();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the run " + run.name() + " has no readable status.json,"
                    + " so it may not have finished");
        }
        if (status == null || status.state() != RunStatus.State.COMPLETED) {
            String state = status == null || status.state() == null ? "unknown"
                    : status.state().name().toLowerCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException("the run " + run.name() + " has not finished (it is "
                    + state + "); a teacher must be a completed run");
        }
        if (!Files.isRegularFile(run.modelFile())) {
            throw new IllegalArgumentException("the run " + run.name() + " has no model.params to teach with");
        }
    }

    /** The finished runs directly under {@code runsRoot}, newest name first (file-system work). */
    public static List<Path> finished(Path runsRoot) throws IOException {
        List<Path> runs = new ArrayList<>();
        if (runsRoot == null || !Files.isDirectory(runsRoot)) {
            return runs;
        }
        try (Stream<Path> children = Files.list(runsRoot)) {
            children.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString).reversed())
                    .forEach(folder -> {
                        try {
                            requireFinished(folder);
                            runs.add(folder);
                        } catch (IllegalArgumentException notATeacher) {
                            // Running, stopped or foreign folders are simply not offered.
                        }
                    });
        }
        return runs;
    }
}
