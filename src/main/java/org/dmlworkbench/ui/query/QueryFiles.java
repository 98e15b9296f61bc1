package org.dmlworkbench.ui.query;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.ui.runview.ErrorText;

/** Turns dropped files and folders into query images, and errors into one sentence each. */
final class QueryFiles {

    /** Images taken from one drop; more is almost certainly a mistaken folder. */
    static final int MAX_IMAGES = 100;
    private static final int FOLDER_DEPTH = 3;
    private static final Set<String> IMAGE_SUFFIXES =
            Set.of("png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "wbmp");

    /** Files to query, and sentences about what was left out. */
    record Expanded(List<File> images, List<String> problems) {}

    private QueryFiles() {}

    /**
     * Files are kept as given (a non-image file then gets its own message); folders contribute
     * the image files inside them, sorted, up to {@link #MAX_IMAGES} in all.
     */
    static Expanded expand(List<File> given) {
        List<File> images = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (File item : given) {
            if (!item.isDirectory()) {
                images.add(item);
                continue;
            }
            try (Stream<Path> walk = Files.walk(item.toPath(), FOLDER_DEPTH)) {
                List<File> inside = walk.filter(Files::isRegularFile).filter(QueryFiles::looksLikeImage)
                        .sorted().map(Path::toFile).toList();
                if (inside.isEmpty()) {
                    problems.add("The folder " + item.getName() + " holds no image files (PNG, JPEG,"
                            + " GIF, BMP or TIFF).");
                }
                images.addAll(inside);
            } catch (IOException | java.io.UncheckedIOException e) {
                problems.add("The folder " + item.getName() + " cannot be read: "
                        + ErrorText.of(e) + ".");
            }
        }
        if (images.size() > MAX_IMAGES) {
            problems.add(String.format(Locale.ROOT, "Only the first %d of %,d images were searched;"
                    + " drop fewer at a time.", MAX_IMAGES, images.size()));
            images = new ArrayList<>(images.subList(0, MAX_IMAGES));
        }
        return new Expanded(images, problems);
    }

    private static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** "notes.txt is not an image format Java can read (...)." — file name first, no path, no trace. */
    static String describe(File file, Throwable error) {
        String name = file.getName();
        if (error instanceof DataFormatException format) {
            String message = format.getMessage();
            String prefix = format.file() + ": ";
            String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            int newline = problem.indexOf('\n');
            return sentence(name + " " + (newline < 0 ? problem : problem.substring(0, newline)));
        }
        if (error instanceof OutOfMemoryError) {
            return sentence(name + " is too large to convert in the memory available");
        }
        return sentence(name + ": " + ErrorText.of(error));
    }

    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }
}
