package org.dmlworkbench.ui;

import java.util.Locale;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.training.TrainingOutcome;

/**
 * The installed program's self-check, {@code gui --smoke-test}: the real window trains one epoch
 * on its data through the Training panel and the program exits 0 when the run completed, 1
 * otherwise. Part of the product: the .deb's installer test ({@code installers/test-deb.sh}) runs
 * it on the installed launcher, and README offers it to check an installation.
 */
final class SelfCheck {

    private SelfCheck() {}

    /** Starts the self-check when the options ask for it. */
    static void startIfAsked(MainController main, WorkbenchModel model, LaunchOptions options) {
        if (options.smokeTest()) {
            WindowDriver driver = new WindowDriver(main, model);
            WindowDriver.runThenExit(model, "workbench-self-check", () -> run(driver));
        }
    }

    private static int run(WindowDriver driver) throws Exception {
        Dataset dataset = driver.awaitDataset();
        System.out.println("smoke test: data '" + dataset.name() + "', " + dataset.train().size()
                + " training images; training one epoch through the Training panel");
        TrainingOutcome outcome = driver.train(1);
        System.out.println("smoke test: " + outcome.status().name().toLowerCase(Locale.ROOT) + ": "
                + outcome.message() + (outcome.finalMetrics() != null
                        ? String.format(" (P@1 %.4f)", outcome.finalMetrics().precisionAt1()) : ""));
        // Scripts (the installer's smoke test) check that the run landed in the user's home.
        System.out.println("smoke test: run folder " + driver.lastRun().root().toAbsolutePath());
        return outcome.completed() ? 0 : 1;
    }
}
