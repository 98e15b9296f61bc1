package org.dmlworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dmlworkbench.ui.LaunchOptions;
import org.dmlworkbench.ui.WorkbenchApp;
import org.dmlworkbench.ui.WorkbenchModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the workbench window (on the bundled sample data unless --data says otherwise).")
final class GuiCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "D",
            description = "Data set opened at start (default: the one open when the window last"
                    + " closed, the bundled sample the first time).")
    String data;

    @Option(names = "--theme", paramLabel = "T",
            description = "light or dark (default: as last time, light the first time).")
    String theme;

    @Option(names = "--run", paramLabel = "RUN", description = "Open this run folder at start.")
    Path run;

    @Option(names = "--smoke-test",
            description = "Self-check: train one epoch on the data through the window, then exit (0 when it worked).")
    boolean smokeTest;

    @Override
    public Integer call() {
        WorkbenchModel.Theme chosen = theme == null ? null : switch (theme.toLowerCase()) {
            case "light" -> WorkbenchModel.Theme.LIGHT;
            case "dark" -> WorkbenchModel.Theme.DARK;
            default -> throw new IllegalArgumentException("--theme must be light or dark, got '" + theme + "'");
        };
        // Before JavaFX starts: without a display it would fail inside GTK with no useful word.
        var noDisplay = DisplayCheck.problem();
        if (noDisplay.isPresent()) {
            System.err.println("error: " + noDisplay.get());
            return Main.EXIT_NO_DISPLAY;
        }
        WorkbenchApp.launch(new LaunchOptions(data, chosen, run, smokeTest));
        return WorkbenchApp.exitCode();
    }
}
