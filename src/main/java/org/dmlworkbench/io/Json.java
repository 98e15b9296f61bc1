package org.dmlworkbench.io;

import com.google.gson.ExclusionStrategy;
import com.google.gson.FieldAttributes;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.io.StringReader;
import com.google.gson.stream.JsonReader;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Gson configuration for every JSON file the workbench reads or writes. */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .setExclusionStrategies(new ExclusionStrategy() {
                @Override
                public boolean shouldSkipField(FieldAttributes field) {
                    return field.getAnnotation(Derived.class) != null;
                }

                @Override
                public boolean shouldSkipClass(Class<?> type) {
                    return false;
                }
            })
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
        JsonReader reader = new JsonReader(new StringReader(text));
        try {
            T value = GSON.fromJson(reader, type);
            if (value == null) {
                throw new IOException(file + " is empty");
            }
            return value;
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(describe(file, e, reader.getPath()), e);
        }
    }

    private static final Pattern EXPECTED = Pattern.compile("Expected (\\w+) but was (\\w+)");
    private static final Pattern LINK = Pattern.compile("\\s*See https?://\\S+");

    /**
     * One sentence about a file Gson could not read: which field has the wrong type, or where
     * the syntax breaks; never Gson's troubleshooting links.
     *
     * @param path where the reader stood ("$.config.model.embeddingDim")
     */
    static String describe(Path file, RuntimeException e, String path) {
        String message = LINK.matcher(String.valueOf(e.getMessage())).replaceAll("").strip();
        String field = path == null ? "" : path.replaceFirst("^\\$\\.?", "");
        Matcher expected = EXPECTED.matcher(message);
        boolean syntax = e instanceof com.google.gson.JsonSyntaxException
                && e.getCause() instanceof com.google.gson.stream.MalformedJsonException;
        if (!syntax && !field.isEmpty()) {
            String detail = e.getCause() instanceof NumberFormatException
                    ? "expected a number, found " + quoted(e.getCause().getMessage())
                    : expected.find() ? "expected " + kind(expected.group(1)) + ", found "
                    + kind(expected.group(2)) : "a value of the wrong type";
            return file + ": the field '" + field + "' has the wrong type (" + detail
                    + "); correct it, or restore the file";
        }
        return file + " is not valid JSON (" + message.replaceFirst("^[\\w.]+Exception: ", "")
                + "); correct it, or restore the file";
    }

    private static String quoted(String numberFormatMessage) {
        String text = String.valueOf(numberFormatMessage);
        int colon = text.indexOf(": ");
        return colon >= 0 ? text.substring(colon + 2) : text;
    }

    private static String kind(String gsonToken) {
        switch (gsonToken) {
            case "BEGIN_OBJECT":
                return "an object";
            case "BEGIN_ARRAY":
                return "a list";
            case "STRING":
                return "a string";
            case "NUMBER":
                return "a number";
            case "BOOLEAN":
                return "true or false";
            case "NULL":
                return "null";
            default:
                return gsonToken.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
