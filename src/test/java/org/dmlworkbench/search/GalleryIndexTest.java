package org.dmlworkbench.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.model.Embeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryIndexTest {

    @TempDir
    Path dir;

    /** Small integer coordinates: every distance is exact in float, and ties are common. */
    private static Embeddings lattice(Random random, int count, int dim) {
        float[] data = new float[count * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(7) - 3;
        }
        return new Embeddings(data, count, dim);
    }

    private static int[] labels(int count, int classes) {
        return IntStream.range(0, count).map(i -> (i * 7) % classes).toArray();
    }

    /** Brute force: exact double distances, full sort by (distance, index). */
    private static List<Integer> bruteForce(Embeddings gallery, float[] query, int k) {
        double[] d = new double[gallery.count()];
        for (int i = 0; i < gallery.count(); i++) {
            double s = 0;
            for (int j = 0; j < query.length; j++) {
                double diff = query[j] - gallery.get(i, j);
                s += diff * diff;
            }
            d[i] = Math.sqrt(s);
        }
        return IntStream.range(0, gallery.count()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
                .limit(k).toList();
    }

    @Test
    void topKMatchesBruteForceIncludingTiesAndDistances() {
        Random random = new Random(2);
        Embeddings gallery = lattice(random, 700, 5);
        int[] labels = labels(700, 4);
        GalleryIndex index = GalleryIndex.build(gallery, labels, null, "k");
        for (int trial = 0; trial < 30; trial++) {
            float[] query = lattice(random, 1, 5).row(0);
            int k = new int[] {1, 5, 10, 33, 200, 700, 900}[trial % 7];

            List<Neighbor> found = index.search(query, k);

            List<Integer> expected = bruteForce(gallery, query, k);
            assertEquals(expected, found.stream().map(Neighbor::index).toList(), "k=" + k);
            for (Neighbor n : found) {
                assertEquals(labels[n.index()], n.label());
                double exact = Math.sqrt(IntStream.range(0, 5).mapToDouble(
                        j -> Math.pow(query[j] - gallery.get(n.index(), j), 2)).sum());
                assertEquals(exact, n.distance(), 1e-12);
                assertNull(n.source());
            }
        }
    }

    @Test
    void batchSearchEqualsOneByOneOnContinuousData() {
        Random random = new Random(4);
        float[] data = new float[2000 * 16];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        GalleryIndex index = GalleryIndex.build(new Embeddings(data, 2000, 16), labels(2000, 10),
                null, "k");
        float[] q = new float[21 * 16];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
        }
        Embeddings queries = new Embeddings(q, 21, 16);

        List<List<Neighbor>> batch = index.search(queries, 10);

        assertEquals(21, batch.size());
        for (int i = 0; i < 21; i++) {
            assertEquals(index.search(queries.row(i), 10), batch.get(i));
            assertEquals(bruteForce(new Embeddings(data, 2000, 16), queries.row(i), 10),
                    batch.get(i).stream().map(Neighbor::index).toList());
        }
    }

    @Test
    void sourcesTravelWithResults() {
        Embeddings gallery = Embeddings.of(new float[][] {{0, 0}, {3, 4}, {1, 0}});
        GalleryIndex index = GalleryIndex.build(gallery, new int[] {5, 6, 7},
                Arrays.asList("a.png", null, "c.png"), "k");

        List<Neighbor> found = index.search(new float[] {0, 0}, 5);

        assertEquals(List.of(new Neighbor(0, 5, 0.0, "a.png"), new Neighbor(2, 7, 1.0, "c.png"),
                new Neighbor(1, 6, 5.0, null)), found);
    }

    @Test
    void badQueriesAndBuildsAreNamed() {
        GalleryIndex index = GalleryIndex.build(Embeddings.of(new float[][] {{0, 0}}),
                new int[] {1}, null, "k");
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> index.search(new float[] {1, 2, 3}, 1));
        assertTrue(dim.getMessage().contains("3 dimensions but the gallery has 2"));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {0, 0}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> index.search(new float[] {Float.NaN, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> GalleryIndex.build(
                Embeddings.of(new float[][] {{0, 0}}), new int[] {1, 2}, null, "k"));
    }

    @Test
    void saveLoadRoundTripKeepsEverything() throws IOException {
        Random random = new Random(5);
        Embeddings gallery = lattice(random, 50, 3);
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sources.add(i % 5 == 0 ? null : "images/é" + i + ".png");
        }
        GalleryIndex index = GalleryIndex.build(gallery, labels(50, 3), sources, "model+data");
        Path file = dir.resolve("cache/gallery.bin");

        index.save(file);
        GalleryIndex loaded = GalleryIndex.load(file);

        assertEquals("model+data", loaded.key());
        assertEquals(50, loaded.size());
        assertEquals(3, loaded.dim());
        for (int i = 0; i < 50; i++) {
            assertEquals(index.label(i), loaded.label(i));
            assertEquals(index.source(i), loaded.source(i));
        }
        float[] query = {1, -1, 2};
        assertEquals(index.search(query, 50), loaded.search(query, 50));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "only the index, no temp file");
        }
    }

    @Test
    void aStaleKeyIsNotLoadedAndACurrentOneIs() throws IOException {
        GalleryIndex index = GalleryIndex.build(Embeddings.of(new float[][] {{1, 2}}),
                new int[] {0}, null, GalleryIndex.cacheKey("sha-of-model", "data-fingerprint"));
        Path file = dir.resolve("gallery.bin");
        index.save(file);
        List<String> problems = new ArrayList<>();

        Optional<GalleryIndex> stale = GalleryIndex.loadIfCurrent(file,
                GalleryIndex.cacheKey("sha-of-other-model", "data-fingerprint"), problems::add);
        Optional<GalleryIndex> current = GalleryIndex.loadIfCurrent(file,
                GalleryIndex.cacheKey("sha-of-model", "data-fingerprint"), problems::add);
        Optional<GalleryIndex> missing = GalleryIndex.loadIfCurrent(dir.resolve("none.bin"),
                index.key(), problems::add);

        assertTrue(stale.isEmpty());
        assertTrue(current.isPresent());
        assertTrue(missing.isEmpty());
        assertEquals(List.of(), problems, "stale or missing is normal, not a problem");
        assertNotEquals(GalleryIndex.cacheKey("ab", "c"), GalleryIndex.cacheKey("a", "bc"));
    }

    @Test
    void aTruncatedFileIsReportedNotThrown() throws IOException {
        Path file = savedIndex();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));
        List<String> problems = new ArrayList<>();

        Optional<GalleryIndex> loaded = GalleryIndex.loadIfCurrent(file, "key", problems::add);

        assertTrue(loaded.isEmpty());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("truncated"), problems.get(0));
        DataFormatException thrown = assertThrows(DataFormatException.class,
                () -> GalleryIndex.load(file));
        assertTrue(thrown.getMessage().startsWith(file.toString()), thrown.getMessage());
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws IOException {
        Path file = savedIndex();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x10; // inside the embeddings
        Files.write(file, bytes);
        List<String> problems = new ArrayList<>();

        assertTrue(GalleryIndex.loadIfCurrent(file, "key", problems::add).isEmpty());
        assertTrue(problems.get(0).contains("checksum"), problems.get(0));
    }

    @Test
    void aForeignFileIsReported() throws IOException {
        Path file = dir.resolve("gallery.bin");
        Files.writeString(file, "this is not an index at all");
        List<String> problems = new ArrayList<>();
        assertTrue(GalleryIndex.loadIfCurrent(file, "key", problems::add).isEmpty());
        assertTrue(problems.get(0).contains("magic"), problems.get(0));
    }

    @Test
    void loadOrBuildBuildsOnceThenLoads() {
        Path file = dir.resolve("gallery.bin");
        int[] builds = {0};
        java.util.function.Supplier<GalleryIndex> build = () -> {
            builds[0]++;
            return GalleryIndex.build(Embeddings.of(new float[][] {{1, 2}, {3, 4}}),
                    new int[] {0, 1}, null, "key-1");
        };
        List<String> problems = new ArrayList<>();

        GalleryIndex first = GalleryIndex.loadOrBuild(file, "key-1", build, problems::add);
        GalleryIndex second = GalleryIndex.loadOrBuild(file, "key-1", build, problems::add);

        assertEquals(1, builds[0]);
        assertEquals(first.search(new float[] {0, 0}, 2), second.search(new float[] {0, 0}, 2));
        assertEquals(List.of(), problems);
        assertThrows(IllegalArgumentException.class,
                () -> GalleryIndex.loadOrBuild(file, "key-2", build, problems::add));
    }

    private Path savedIndex() throws IOException {
        Random random = new Random(8);
        GalleryIndex index = GalleryIndex.build(lattice(random, 40, 4), labels(40, 2), null,
                "key");
        Path file = dir.resolve("gallery.bin");
        index.save(file);
        assertSame(GalleryIndex.class, GalleryIndex.loadIfCurrent(file, "key").get().getClass());
        assertFalse(GalleryIndex.loadIfCurrent(file, "key").isEmpty());
        return file;
    }

    @Test
    void keyWithoutSourcesRoundTripsEmptySources() throws IOException {
        GalleryIndex index = GalleryIndex.build(Embeddings.of(new float[][] {{1}}), new int[] {3},
                null, null);
        Path file = dir.resolve("g.bin");
        index.save(file);
        GalleryIndex loaded = GalleryIndex.load(file);
        assertEquals("", loaded.key());
        assertNull(loaded.source(0));
        assertArrayEquals(new int[] {3}, new int[] {loaded.label(0)});
    }
}
