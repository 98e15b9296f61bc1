package org.dmlworkbench.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether the window can open at all. On Linux and other X11/Wayland systems JavaFX needs a
 * display ({@code DISPLAY} or {@code WAYLAND_DISPLAY}); without one it fails deep inside GTK with
 * nothing that tells a person why. The {@code gui} command asks this first and, when there is no
 * display, prints {@link #SENTENCE} and exits with {@link Main#EXIT_NO_DISPLAY}. Monocle's
 * headless platform ({@code -Dglass.platform=Monocle}, as the window tests run) needs no display;
 * Windows and macOS always have one.
 */
final class DisplayCheck {

    /** The one sentence printed (after "error: ") when the window cannot open. */
    static final String SENTENCE = "there is no display to open the window on (neither DISPLAY nor"
            + " WAYLAND_DISPLAY is set): use the command line instead (./workbench cli --help, or"
            + " dml-workbench --help where installed), or start the window on a virtual display"
            + " with xvfb-run (e.g. xvfb-run ./workbench; Debian package xvfb).";

    private DisplayCheck() {}

    /** The sentence to print when the window cannot open here, or empty when it can. */
    static Optional<String> problem() {
        return problem(System.getenv(), System.getProperties());
    }

    /** As {@link #problem()}, for a given environment and system properties (tests). */
    static Optional<String> problem(Map<String, String> env, Properties properties) {
        String os = properties.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return Optional.empty();
        }
        if ("monocle".equalsIgnoreCase(properties.getProperty("glass.platform", ""))) {
            return Optional.empty();
        }
        if (isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of(SENTENCE);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
