package org.dmlworkbench.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.run.RunDirectory;

/**
 * Copies a study into a self-contained folder another person can read and re-run: the study
 * file, every run's config, metrics, evaluation and status, the report with its plots, and a
 * README with the one command that runs it again. Weights and checkpoints are left out.
 */
public final class StudyExport {

    private StudyExport() {}

    /** Writes the export into {@code target} (which must not exist or be empty). */
    public static void export(StudyFolder study, Path target) throws IOException {
        org.dmlworkbench.io.OutputFolders.createNewOrEmpty(target, "export folder");
        StudyPlan plan = study.readPlan();
        if (!Files.isRegularFile(study.reportFile())) {
            StudyReport.write(study);
        }
        Files.createDirectories(target);
        Path studyFile = study.studyFile();
        copy(studyFile, target.resolve(studyFile.getFileName()));
        copy(study.stateFile(), target.resolve(StudyFolder.STATE_FILE));
        copy(study.reportFile(), target.resolve("report.md"));
        copy(study.summaryFile(), target.resolve("summary.csv"));
        if (Files.isDirectory(study.plotsDir())) {
            try (Stream<Path> plots = Files.list(study.plotsDir())) {
                for (Path plot : plots.filter(p -> p.toString().endsWith(".png")).toList()) {
                    copy(plot, target.resolve("plots").resolve(plot.getFileName()));
                }
            }
        }
        StudyFolder exported = new StudyFolder(target);
        for (StudyPlan.PlannedRun run : plan.runs()) {
            RunDirectory from = study.run(run);
            RunDirectory to = exported.run(run);
            for (Path file : List.of(from.configFile(), from.metricsFile(), from.evalFile(), from.statusFile())) {
                copy(file, to.root().resolve(file.getFileName()));
            }
        }
        AtomicFiles.writeString(target.resolve("README.md"), readme(plan, studyFile.getFileName().toString()));
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            return;
        }
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String readme(StudyPlan plan, String studyFileName) {
        StudySpec spec = plan.spec();
        return "# Study: " + spec.title() + "\n\n"
                + (spec.description().isEmpty() ? "" : spec.description() + "\n\n")
                + "This folder holds the study file (`" + studyFileName + "`), each run's `config.json`"
                + " (the exact settings, data fingerprint and environment), `metrics.csv` (one row per"
                + " epoch), `eval.json` (final retrieval metrics) and `status.json` under"
                + " `runs/<run>/`, and the report (`report.md`, `summary.csv`, `plots/`). Model weights"
                + " are not included.\n\n"
                + "Run the whole study again (" + plan.runs().size() + " runs) with DML Workbench:\n\n"
                + "```\n" + StudyReport.rerunCommand(studyFileName, plan.overrides(), plan.variables(), "rerun") + "\n```\n\n"
                + "then compare `rerun/report.md` and `rerun/summary.csv` with the ones here. The same"
                + " command continues where it stopped if interrupted.\n";
    }
}
