package org.dmlworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bash completion script the build generates and the .deb installs. */
class CompletionScriptTest {

    private static final List<String> SUBCOMMANDS =
            List.of("train", "eval", "query", "index", "info", "datasets", "gui", "bench", "study", "help");

    @Test
    void namesEverySubcommand() {
        String script = CompletionScript.bash();
        Set<String> registered = new CommandLine(new Main()).getSubcommands().keySet();
        assertEquals(Set.copyOf(SUBCOMMANDS), registered, "a subcommand was added or removed: update this list");
        for (String sub : SUBCOMMANDS) {
            assertTrue(script.matches("(?s).*\\b" + sub + "\\b.*"), "the script does not name " + sub);
        }
        assertTrue(script.contains("complete -F _complete_dml-workbench"), "registered for dml-workbench");
        // nested commands and their options too
        assertTrue(script.contains("--epochs"), "train's options");
        assertTrue(script.contains("build") && script.contains("export"), "index's subcommands");
    }

    @Test
    void mainWritesItAndBashReadsIt(@TempDir Path temp) throws IOException, InterruptedException {
        Path out = temp.resolve("completions/dml-workbench");
        CompletionScript.main(new String[] {out.toString()});
        assertEquals(CompletionScript.bash(), Files.readString(out, StandardCharsets.UTF_8));
        Path bash = Path.of("/bin/bash");
        if (Files.isExecutable(bash)) {
            Process p = new ProcessBuilder(bash.toString(), "-c", "source \"$1\" && complete -p dml-workbench", "_",
                    out.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), said);
            assertTrue(said.contains("dml-workbench"), said);
        }
    }
}
