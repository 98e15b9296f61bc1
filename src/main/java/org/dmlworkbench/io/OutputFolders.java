package org.dmlworkbench.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Folders the program writes into (runs, studies, exports): created with a sentence that says
 * why when that fails, and never a folder that already holds a user's files.
 */
public final class OutputFolders {

    private OutputFolders() {}

    /**
     * Refuses a file, or a folder that holds anything, so an export or a study can never
     * overwrite or mix with what a user had there; then creates the folder.
     *
     * @param role what the folder is for, in messages ("export folder")
     */
    public static void createNewOrEmpty(Path folder, String role) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException(folder + " is a file, not a folder; give a new or empty " + role);
        }
        if (Files.isDirectory(folder) && !isEmpty(folder)) {
            throw new IOException(folder + " is not empty; give a new or empty " + role
                    + ", so nothing of yours is overwritten");
        }
        create(folder, role);
    }

    /** Creates {@code folder} and its parents, or says in one sentence why it cannot be. */
    public static void create(Path folder, String role) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create the " + role + " " + folder + ": "
                    + (e.getFile() != null ? e.getFile() : folder) + " is a file, not a folder", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the " + role + " " + folder + ": permission denied"
                    + " on " + e.getFile(), e);
        } catch (NoSuchFileException e) {
            // e.g. under /proc, where the system refuses new folders
            throw new IOException("cannot create the " + role + " " + folder + ": the system does"
                    + " not allow a folder there (" + e.getFile() + ")", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot create the " + role + " " + folder + ": "
                    + (e.getReason() != null ? e.getReason() : e.getMessage()), e);
        }
    }

    public static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        }
    }

    /** Deletes a folder and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
