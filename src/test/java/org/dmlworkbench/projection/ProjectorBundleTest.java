package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectorBundleTest {

    @TempDir
    Path dir;

    /** Five 4x4 grey images, image i all of brightness 50 * i, labels 0 1 2 0 1. */
    private static ImageSet images() {
        byte[] pixels = new byte[5 * 16];
        for (int i = 0; i < 5; i++) {
            java.util.Arrays.fill(pixels, i * 16, (i + 1) * 16, (byte) (50 * i));
        }
        return new ImageSet(1, 4, 4, pixels, new int[] {0, 1, 2, 0, 1},
                List.of("zero", "one", "two"), null);
    }

    private static Embeddings embeddings() {
        float[][] rows = new float[5][3];
        for (int i = 0; i < 5; i++) {
            rows[i] = new float[] {i, -i, 0.5f * i};
        }
        return Embeddings.of(rows);
    }

    @Test
    void writesTheProjectorFilesAndNumpyArrays() throws IOException {
        ImageSet images = images();
        Path out = dir.resolve("export");
        ProjectorBundle.Result result = ProjectorBundle.write(out, embeddings(), images.labels(),
                images.classNames(), images, false, Cancellation.none());
        assertEquals(5, result.rows());

        List<String> tensors = Files.readAllLines(out.resolve("tensors.tsv"));
        assertEquals(5, tensors.size());
        assertEquals(3, tensors.get(2).split("\t").length);
        List<String> metadata = Files.readAllLines(out.resolve("metadata.tsv"));
        assertEquals(6, metadata.size(), "a header and one row per point");
        assertEquals("label\tclass", metadata.get(0));
        assertEquals("2\ttwo", metadata.get(3));

        // 5 images: a 3x3 grid of 28-pixel cells (small images keep MNIST's size).
        BufferedImage sprite = ImageIO.read(out.resolve("sprite.png").toFile());
        assertEquals(84, sprite.getWidth());
        assertEquals(84, sprite.getHeight());
        int fourth = sprite.getRGB(0 * 28 + 14, 1 * 28 + 14) & 0xFF;
        assertEquals(150, fourth, 2, "image 3 sits in row 1, column 0");
        int fifth = sprite.getRGB(1 * 28 + 14, 1 * 28 + 14) & 0xFF;
        assertEquals(200, fifth, 2, "image 4 sits in row 1, column 1");

        String config = Files.readString(out.resolve("projector_config.pbtxt"));
        assertTrue(config.startsWith("embeddings {"), config);
        assertEquals("tensors.tsv", field(config, "tensor_path"));
        assertEquals("metadata.tsv", field(config, "metadata_path"));
        assertEquals("sprite.png", field(config, "image_path"));
        Matcher dims = Pattern.compile("single_image_dim: (\\d+)").matcher(config);
        assertTrue(dims.find());
        assertEquals("28", dims.group(1));
        assertTrue(dims.find(), "width and height");
        assertEquals("28", dims.group(1));
        assertEquals(config.chars().filter(c -> c == '{').count(),
                config.chars().filter(c -> c == '}').count(), "balanced braces");

        ByteBuffer floats = readNpy(out.resolve("embeddings.npy"), "<f4", "(5, 3)");
        float[] read = new float[15];
        floats.asFloatBuffer().get(read);
        assertArrayEquals(embeddings().data(), read);
        ByteBuffer ints = readNpy(out.resolve("labels.npy"), "<i4", "(5,)");
        int[] labels = new int[5];
        ints.asIntBuffer().get(labels);
        assertArrayEquals(images.labels(), labels);
        assertEquals(List.of("zero", "one", "two"), Files.readAllLines(out.resolve("classes.txt")));
    }

    @Test
    void manyImagesGetSmallerCellsWithinTheProjectorsLimit() {
        SpriteSheet large = SpriteSheet.layout(10_000, 96);
        assertEquals(64, large.cell());
        assertEquals(100, large.columns());
        assertEquals(32, SpriteSheet.layout(10_000, 32).cell(), "CIFAR keeps its size");
        SpriteSheet huge = SpriteSheet.layout(100_000, 96);
        assertTrue(huge.side() <= SpriteSheet.MAX_SIDE, "side " + huge.side());
        assertTrue(huge.columns() * huge.columns() >= 100_000);
    }

    @Test
    void neverReplacesFilesUnlessTheUserAgreed() throws IOException {
        Path out = dir.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("metadata.tsv"), "my own notes");
        ImageSet images = images();
        IOException refused = assertThrows(IOException.class, () -> ProjectorBundle.write(out,
                embeddings(), images.labels(), images.classNames(), images, false,
                Cancellation.none()));
        assertTrue(refused.getMessage().contains("metadata.tsv"), refused.getMessage());
        assertEquals("my own notes", Files.readString(out.resolve("metadata.tsv")));
        assertEquals(List.of(out.resolve("metadata.tsv")), ProjectorBundle.existing(out));

        ProjectorBundle.write(out, embeddings(), images.labels(), images.classNames(), images,
                true, Cancellation.none());
        assertEquals("label\tclass", Files.readAllLines(out.resolve("metadata.tsv")).get(0));
    }

    private static String field(String config, String name) {
        Matcher m = Pattern.compile(name + ": \"([^\"]*)\"").matcher(config);
        assertTrue(m.find(), name + " in " + config);
        return m.group(1);
    }

    /** Parses a .npy v1.0 file as NumPy does and returns its data, little-endian. */
    private static ByteBuffer readNpy(Path file, String dtype, String shape) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 16, "NumPy aligns the data to 16 bytes at least");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"), header);
        assertTrue(header.contains("'descr': '" + dtype + "'"), header);
        assertTrue(header.contains("'fortran_order': False"), header);
        assertTrue(header.contains("'shape': " + shape), header);
        return ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }
}
