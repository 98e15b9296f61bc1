package org.dmlworkbench.ui;

import java.nio.file.Path;

/**
 * How the window starts.
 *
 * @param data data set opened at start, or null for the one open when the window last closed
 *        (the bundled sample the first time)
 * @param theme the look, or null for the remembered one
 * @param run a run folder to open at start, or null (the run last on show is shown again)
 * @param smokeTest when true, the self-check ({@link SelfCheck}): train one epoch on the data
 *        through the window, then exit 0 when it completed
 */
public record LaunchOptions(String data, WorkbenchModel.Theme theme, Path run, boolean smokeTest) {

    public static LaunchOptions defaults() {
        return new LaunchOptions("sample", WorkbenchModel.Theme.LIGHT, null, false);
    }
}
