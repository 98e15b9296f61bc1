package org.dmlworkbench.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** One Gson configuration for every JSON file the workbench reads or writes. */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private Json() {}

    public static Gson gson() {
        return GSON;
    }

    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(value) + "\n");
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist", e);
        }
        try {
            T value = GSON.fromJson(text, type);
            if (value == null) {
                throw new IOException(file + " is empty");
            }
            return value;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
