package org.dmlworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's start without a display: one sentence and exit status 4 (README, exit status). */
class DisplayCheckTest {

    private static Properties linux(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("os.name", "Linux");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void noDisplayVariableIsAProblemOnLinux() {
        assertEquals(DisplayCheck.SENTENCE, DisplayCheck.problem(Map.of(), linux()).orElseThrow());
        assertTrue(DisplayCheck.problem(Map.of("DISPLAY", " "), linux()).isPresent(), "blank counts as unset");
    }

    @Test
    void anX11OrWaylandDisplayWillDo() {
        assertTrue(DisplayCheck.problem(Map.of("DISPLAY", ":0"), linux()).isEmpty());
        assertTrue(DisplayCheck.problem(Map.of("WAYLAND_DISPLAY", "wayland-0"), linux()).isEmpty());
    }

    @Test
    void monocleHeadlessNeedsNoDisplay() {
        assertTrue(DisplayCheck.problem(Map.of(), linux("glass.platform", "Monocle")).isEmpty());
    }

    @Test
    void windowsAndMacAlwaysHaveOne() {
        Properties windows = new Properties();
        windows.setProperty("os.name", "Windows 11");
        Properties mac = new Properties();
        mac.setProperty("os.name", "Mac OS X");
        assertTrue(DisplayCheck.problem(Map.of(), windows).isEmpty());
        assertTrue(DisplayCheck.problem(Map.of(), mac).isEmpty());
    }

    @Test
    void theSentenceSaysWhatToDo() {
        String s = DisplayCheck.SENTENCE;
        assertTrue(s.contains("--help"), s);
        assertTrue(s.contains("xvfb-run ./workbench"), s);
        assertFalse(s.contains("\n"), "one sentence, one line");
    }

    /** The real start, in a child JVM without DISPLAY, WAYLAND_DISPLAY or Monocle. */
    @Test
    void guiWithoutADisplayPrintsTheSentenceAndExits4(@TempDir Path temp) throws IOException, InterruptedException {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")
                || System.getProperty("os.name", "").toLowerCase().startsWith("mac")) {
            return; // there is always a display there
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddmlwb.home=" + temp.resolve("home"),
                Main.class.getName(), "gui");
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Path err = temp.resolve("stderr.txt");
        Path out = temp.resolve("stdout.txt");
        builder.redirectError(err.toFile()).redirectOutput(out.toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not exit within 60 s");
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_NO_DISPLAY, process.exitValue(), "stderr: " + lines);
        assertEquals(List.of("error: " + DisplayCheck.SENTENCE), lines);
        assertEquals("", Files.readString(out, StandardCharsets.UTF_8));
    }
}
