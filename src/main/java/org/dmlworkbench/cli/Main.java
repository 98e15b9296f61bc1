package org.dmlworkbench.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code java -jar dml-workbench.jar}. Deliberately not a JavaFX Application, so
 * the jar also starts the window from the plain classpath.
 */
@Command(name = "dml-workbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Deep metric learning workbench: train compact embedding models, evaluate"
                + " retrieval, search by image.",
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            QueryCommand.class,
            IndexCommand.class,
            InfoCommand.class,
            DatasetsCommand.class,
            GuiCommand.class,
            BenchCommand.class,
            StudyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Exit status for a run that stopped on request (like a process ended by SIGINT). */
    static final int EXIT_STOPPED = 130;
    /** Exit status for input a user must fix (bad data, unknown names, missing files). */
    static final int EXIT_USER_ERROR = 1;
    /** Exit status for work that failed (a NaN loss, an unexpected error). */
    static final int EXIT_FAILED = 3;
    /** Exit status of {@code gui} where there is no display to open the window on (README). */
    static final int EXIT_NO_DISPLAY = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("error: " + UserErrors.describe(e).sentence());
            if (System.getenv("DMLWB_DEBUG") != null) {
                e.printStackTrace();
            }
        });
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status (used by tests). */
    public static int run(String... args) {
        Logging.quietLibraries();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleError);
        cli.setParameterExceptionHandler(Main::handleBadArguments);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; a person still gets the sentence, not a trace
            System.err.println("error: " + UserErrors.outOfMemory());
            return EXIT_USER_ERROR;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Input to fix: its sentence and exit status 1. Anything unexpected (a bug): the sentence with
     * the exception's class, how to see where it happened, and exit status 3.
     */
    private static int handleError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        UserErrors.Report report = UserErrors.describe(e);
        err.println("error: " + report.sentence());
        if (System.getenv("DMLWB_DEBUG") != null) {
            e.printStackTrace(err);
        } else if (!report.inputToFix()) {
            err.println("(this looks like a bug; set DMLWB_DEBUG=1 to see where it happened)");
        }
        err.flush();
        return report.inputToFix() ? EXIT_USER_ERROR : EXIT_FAILED;
    }

    /** A bad option or value: one sentence and where the help is, not the whole usage text. */
    private static int handleBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println("error: " + e.getMessage());
        err.println("see '" + failed.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return EXIT_USER_ERROR;
    }
}
