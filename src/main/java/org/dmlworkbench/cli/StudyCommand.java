package org.dmlworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.io.WorkbenchHome;
import org.dmlworkbench.study.StudyAggregate;
import org.dmlworkbench.study.StudyExport;
import org.dmlworkbench.study.StudyFolder;
import org.dmlworkbench.study.StudyPlan;
import org.dmlworkbench.study.StudyReport;
import org.dmlworkbench.study.StudyRunner;
import org.dmlworkbench.study.StudySpec;
import org.dmlworkbench.study.StudyState;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.launch.TrainArguments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Run a grid of training runs (a study file), aggregate them with confidence"
                + " intervals, report and export.",
        subcommands = {StudyCommand.RunStudy.class, StudyCommand.ReportStudy.class,
            StudyCommand.ExportStudy.class})
final class StudyCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Train every run of a study one at a time into OUT/runs/<run>/, then write"
                + " OUT/report.md, summary.csv and plots/.",
                "Ctrl-C stops after checkpointing the current run; the same command resumes."})
    static final class RunStudy implements Callable<Integer> {
        @Mixin
        DataOptions dataOptions;

        @Parameters(index = "0", paramLabel = "FILE", description = "Study file (.json, .yaml).")
        Path file;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Study folder (default: ~/.dml-workbench/studies/<name>[-<data>]).")
        Path out;

        @Option(names = "--data", paramLabel = "D", description = "Use this data for every run.")
        String data;

        @Option(names = "--epochs", paramLabel = "N", description = "Train every run this many epochs.")
        Integer epochs;

        @Option(names = "--set", paramLabel = "NAME=VALUE",
                description = "Give a study variable: every $${NAME} in the study's arguments"
                        + " becomes VALUE (e.g. the run folder an --init-from study starts from);"
                        + " repeatable.")
        Map<String, String> variables = new LinkedHashMap<>();

        @Option(names = "--dry-run", description = "List the runs and their train arguments; train nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            StudySpec study = StudySpec.read(file);
            Map<String, Object> overrides = new LinkedHashMap<>();
            if (data != null) {
                overrides.put("data", data);
            }
            if (epochs != null) {
                overrides.put("epochs", epochs);
            }
            StudyPlan plan = StudyPlan.expand(study, overrides, variables);
            if (dryRun) {
                plan.configs(TrainArguments::configFrom);
                for (StudyPlan.PlannedRun run : plan.runs()) {
                    System.out.println(run.id() + "\t" + String.join(" ", run.trainArgs()));
                }
                System.out.println(plan.runs().size() + " runs in " + plan.groups().size() + " groups");
                return 0;
            }
            Path folder = out != null ? out : defaultFolder(study, data);
            ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
            DatasetLocator.Options options = DatasetLocator.Options.defaults()
                    .withDataDir(dataOptions.effectiveDataDir())
                    .withOffline(dataOptions.offline)
                    .withSkipBad(dataOptions.skipBad)
                    .withProgress(bar);
            StudyRunner runner = new StudyRunner(plan, folder, options);
            System.err.println("study folder: " + folder);
            StudyRunner.Outcome outcome = StopOnSignal.runWith(runner.control(),
                    () -> runner.run(file, new ConsoleListener(bar)));
            bar.finishLine();
            StudyAggregate aggregate = StudyReport.write(runner.folder());
            System.out.println(aggregate.table().printAll());
            System.err.printf("%d of %d runs completed, %d failed; report: %s%n", outcome.completed(),
                    plan.runs().size(), outcome.failed(), runner.folder().reportFile());
            if (outcome.stopped()) {
                System.err.println("stopped; run the same command again to resume");
                return Main.EXIT_STOPPED;
            }
            return outcome.failed() > 0 ? Main.EXIT_FAILED : 0;
        }

        private static Path defaultFolder(StudySpec study, String data) {
            String suffix = data == null ? "" : "-" + Path.of(data).getFileName().toString()
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
            return WorkbenchHome.root().resolve("studies").resolve(study.name() + suffix);
        }
    }

    /** Prints one line per run around the usual training output. */
    private static final class ConsoleListener implements StudyRunner.Listener {
        private final ConsoleProgressBar bar;

        ConsoleListener(ConsoleProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void onRunStart(StudyPlan.PlannedRun run, int index, int total, boolean resuming) {
            bar.finishLine();
            System.err.printf("[%d/%d] %s %s%n", index + 1, total, resuming ? "resuming" : "starting", run.id());
        }

        @Override
        public TrainingObserver observer(StudyPlan.PlannedRun run) {
            return new ConsoleTrainingObserver(bar);
        }

        @Override
        public void onRunEnd(StudyPlan.PlannedRun run, int index, int total, StudyState.Entry entry) {
            bar.finishLine();
            System.err.printf("[%d/%d] %s: %s%s%n", index + 1, total, run.id(),
                    entry.status.name().toLowerCase(Locale.ROOT),
                    entry.message.isEmpty() ? "" : " (" + entry.message + ")");
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Aggregate a study folder's completed runs into report.md, summary.csv and plots/.")
    static final class ReportStudy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Study folder.")
        Path dir;

        @Override
        public Integer call() throws IOException {
            StudyFolder folder = new StudyFolder(dir);
            StudyAggregate aggregate = StudyReport.write(folder);
            System.out.println(aggregate.table().printAll());
            System.err.println("report: " + folder.reportFile());
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Copy a study (study file, configs, metrics, evaluations, report, plots) into"
                    + " a self-contained folder with a README saying how to re-run it.")
    static final class ExportStudy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Study folder.")
        Path dir;

        @Option(names = "--to", paramLabel = "DIR2", required = true, description = "New folder to write.")
        Path to;

        @Override
        public Integer call() throws IOException {
            StudyExport.export(new StudyFolder(dir), to);
            System.err.println("exported to " + to);
            return 0;
        }
    }
}
