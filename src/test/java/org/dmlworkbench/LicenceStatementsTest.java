package org.dmlworkbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every place that states a licence says the same: the workbench's own source is MIT, and the
 * program as distributed with its libraries is GPL-3.0-or-later because Smile is. The places:
 * LICENSE, installers/LICENSE.txt (shown by the installers), the jpackage options (--copyright,
 * the RPM licence tag), the .deb's copyright file, README's licence section and the build's
 * third-party list.
 */
class LicenceStatementsTest {

    static final String BUNDLE = "GPL-3.0-or-later";

    /** Licences (SPDX, as the pom's licenseMerges write them) a GPL-3.0-or-later bundle may hold. */
    static final Set<String> COMPATIBLE = Set.of("Apache-2.0", "MIT", "BSD-3-Clause", "ICU",
            "GPL-3.0-or-later", "GPL-2.0-or-later", "LGPL-2.1-or-later",
            "GPL-2.0-only WITH Classpath-exception-2.0");

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    @Test
    void repositoryLicence() throws IOException {
        String text = read("LICENSE");
        assertTrue(text.startsWith("MIT License"), "the source stays MIT");
        assertTrue(text.contains("(SPDX: " + BUNDLE + ")"), "LICENSE names the bundle's licence");
        assertTrue(text.contains("Smile"), "and why");
    }

    @Test
    void installerLicenceFile() throws IOException {
        String text = read("installers/LICENSE.txt");
        assertTrue(text.contains("(SPDX: " + BUNDLE + ")"), "the statement of the whole");
        assertTrue(text.contains("MIT License"), "the own code's licence text");
        assertTrue(text.contains("GNU GENERAL PUBLIC LICENSE") && text.contains("Version 3, 29 June 2007"),
                "the full GPL-3.0 text ships with the installers");
    }

    @Test
    void jpackageOptions() throws IOException {
        for (String file : List.of("installers/jpackage/common.options", "installers/jpackage/linux-package.options")) {
            String copyright = optionValue(read(file), "--copyright");
            assertTrue(copyright.contains("Distributed under " + BUNDLE), file + ": " + copyright);
            assertFalse(copyright.matches(".*MIT License\\.?\"?$"), file + " must not call the bundle MIT");
        }
        assertEquals(BUNDLE, optionValue(read("installers/jpackage/rpm.options"), "--linux-rpm-license-type"));
    }

    @Test
    void debianCopyrightFile() throws IOException {
        String text = read("installers/linux/copyright");
        // DEP-5 short names: GPL-3+ is GPL-3.0-or-later, Expat is MIT.
        Matcher all = Pattern.compile("(?m)^Files: \\*\\n(?:.+\\n)*?License: (.+)$").matcher(text);
        assertTrue(all.find(), "a 'Files: *' paragraph");
        assertEquals("GPL-3+", all.group(1));
        Matcher jar = Pattern.compile("(?m)^Files: .*dml-workbench\\.jar\\n(?:.+\\n)*?License: (.+)$").matcher(text);
        assertTrue(jar.find(), "a paragraph for the workbench's own jar");
        assertEquals("Expat", jar.group(1));
        assertTrue(text.contains(BUNDLE), "names the SPDX identifier too");
        for (String licence : List.of("GPL-3+", "Expat", "GPL-2 with Classpath exception")) {
            assertTrue(text.contains("\nLicense: " + licence + "\n "), "a stand-alone License paragraph for " + licence);
        }
    }

    @Test
    void readmeLicenceSection() throws IOException {
        String readme = read("README.md");
        int at = readme.indexOf("\n## Licence");
        assertTrue(at >= 0, "README has a Licence section");
        String section = readme.substring(at);
        assertTrue(section.contains(BUNDLE), section);
        assertTrue(section.contains("MIT"), section);
        assertTrue(section.contains("THIRD-PARTY.txt"), section);
    }

    /** The build's list (license-maven-plugin, generate-resources): every licence known and compatible. */
    @Test
    void thirdPartyListIsGeneratedAndCompatible() throws IOException {
        Path list = Path.of("target/generated-sources/license/THIRD-PARTY.txt");
        assertTrue(Files.exists(list), "the build writes " + list + " in generate-resources");
        String text = Files.readString(list, StandardCharsets.UTF_8);
        assertTrue(text.contains(BUNDLE), "the list's header states the bundle's licence");
        List<String> unknown = new ArrayList<>();
        int entries = 0;
        Matcher line = Pattern.compile("(?m)^- ([^ ]+) \\(.*\\): (.+)$").matcher(text);
        while (line.find()) {
            entries++;
            // alternatives: one compatible choice is enough
            boolean ok = false;
            for (String licence : line.group(2).split(" / ")) {
                ok |= COMPATIBLE.contains(licence.trim());
            }
            if (!ok) {
                unknown.add(line.group(1) + ": " + line.group(2));
            }
            if (line.group(1).startsWith("com.github.haifengl:smile-")) {
                assertEquals(BUNDLE, line.group(2), "Smile's licence");
            }
        }
        assertTrue(entries > 20, "the list has the runtime dependencies: " + entries);
        assertEquals(List.of(), unknown,
                "licences not known to be GPL-3.0-compatible (map new names in the pom's licenseMerges, after checking them)");
    }

    /** The value of a jpackage option in an option file (quotes removed). */
    private static String optionValue(String options, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (.+)$").matcher(options);
        assertTrue(m.find(), name + " is set");
        String value = m.group(1).trim();
        return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
