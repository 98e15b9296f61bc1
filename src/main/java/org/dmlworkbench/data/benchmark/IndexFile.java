package org.dmlworkbench.data.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.data.DataFormatException;

/** A whitespace-separated text index, read as it is distributed, with line numbers for errors. */
final class IndexFile {

    /** One non-blank line: its 1-based number, its text and its whitespace-separated fields. */
    record Row(Path file, int number, String text, String[] fields) {

        /** "images.txt line 12", how errors and skip lists name the row. */
        String where() {
            return file.getFileName() + " line " + number;
        }

        /** A field parsed as a whole number, or a sentence naming the line and what it expected. */
        long number(int field, String expected) {
            try {
                return Long.parseLong(fields[field]);
            } catch (NumberFormatException e) {
                throw malformed(expected);
            }
        }

        /** The error for a line that is not as the layout says. */
        DataFormatException malformed(String expected) {
            return new DataFormatException(file, "line " + number + " ('" + abbreviated(text)
                    + "') is not '" + expected + "'");
        }
    }

    private IndexFile() {}

    /**
     * The non-blank lines of {@code file}, each with exactly {@code fields} fields.
     *
     * @param layout what a complete folder holds, for the sentence about a missing file
     * @param expected the line format, for the sentence about a malformed line
     */
    static List<Row> read(Path file, int fields, String layout, String expected) {
        List<String> lines = lines(file, layout);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            Row row = new Row(file, i + 1, text, text.split("\\s+"));
            if (row.fields().length != fields) {
                throw row.malformed(expected);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Every line of {@code file}, or a sentence saying it is missing and what the folder needs. */
    static List<String> lines(Path file, String layout) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw missing(file, layout);
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    static DataFormatException missing(Path file, String layout) {
        return new DataFormatException(file, "is missing; " + layout);
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
