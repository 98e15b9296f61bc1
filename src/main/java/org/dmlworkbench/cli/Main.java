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
    /** Exit status for a run that failed (e.g. a NaN loss). */
    static final int EXIT_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status (used by tests). */
    public static int run(String... args) {
        Logging.quietLibraries();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int handleError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("error: " + UserErrors.describe(e));
        if (System.getenv("DMLWB_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set DMLWB_DEBUG=1 to see the stack trace)");
        }
        err.flush();
        return EXIT_USER_ERROR;
    }
}
