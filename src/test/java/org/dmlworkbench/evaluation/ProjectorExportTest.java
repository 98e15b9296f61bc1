package org.dmlworkbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dmlworkbench.model.Embeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectorExportTest {

    @TempDir
    Path dir;

    @Test
    void writesTabSeparatedVectorsAndAHeaderedMetadataFile() throws IOException {
        Embeddings e = Embeddings.of(new float[][] {{1f, -2.5f}, {0f, 3.25f}, {1e-5f, 7f}});
        Path vectors = dir.resolve("out/vectors.tsv");
        Path metadata = dir.resolve("out/metadata.tsv");

        ProjectorExport.write(vectors, metadata, e, new int[] {2, 0, 1},
                List.of("T-shirt", "Trouser\twith tab", "Pullover"));

        assertEquals("1.0\t-2.5\n0.0\t3.25\n1.0E-5\t7.0\n",
                Files.readString(vectors, StandardCharsets.UTF_8));
        assertEquals("label\tclass\n2\tPullover\n0\tT-shirt\n1\tTrouser with tab\n",
                Files.readString(metadata, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(2, files.count(), "no temp files left behind");
        }
    }

    @Test
    void aSingleLabelColumnHasNoHeader() throws IOException {
        Path metadata = dir.resolve("labels.tsv");
        ProjectorExport.writeMetadata(metadata, new int[] {3, 1}, null);
        assertEquals("3\n1\n", Files.readString(metadata));
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path metadata = dir.resolve("labels.tsv");
        Files.writeString(metadata, "old content that is longer\n");
        ProjectorExport.writeMetadata(metadata, new int[] {5}, null);
        assertEquals("5\n", Files.readString(metadata));
    }

    @Test
    void refusesMismatchedCountsUnnamedLabelsAndNonFiniteValues() {
        Embeddings e = Embeddings.of(new float[][] {{1f}, {2f}});
        assertThrows(IllegalArgumentException.class, () -> ProjectorExport.write(
                dir.resolve("v.tsv"), dir.resolve("m.tsv"), e, new int[] {0}, null));
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
                () -> ProjectorExport.writeMetadata(dir.resolve("m.tsv"), new int[] {0, 4},
                        List.of("a", "b")));
        assertEquals("label 4 of item 1 has no class name (2 names given)",
                unnamed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProjectorExport.writeEmbeddings(
                dir.resolve("v.tsv"), Embeddings.of(new float[][] {{Float.NaN}})));
    }
}
