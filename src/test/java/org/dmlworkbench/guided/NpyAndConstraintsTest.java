package org.dmlworkbench.guided;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dmlworkbench.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyAndConstraintsTest {

    @TempDir
    Path temp;

    @Test
    void npyRoundTripWithAHeaderNumpyAccepts() throws Exception {
        Path file = temp.resolve("z.npy");
        new NpyMatrix(3, 2, new float[] {1, -2, 3.5f, 4, 5, 6e-3f}).write(file);
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64, "numpy aligns the data to 64 bytes");
        assertEquals('\n', bytes[10 + headerLength - 1]);
        assertEquals(10 + headerLength + 6 * 4, bytes.length);
        NpyMatrix back = NpyMatrix.read(file);
        assertEquals(3, back.rows());
        assertEquals(2, back.columns());
        assertArrayEquals(new float[] {1, -2, 3.5f, 4, 5, 6e-3f}, back.data());
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertThrows(DataFormatException.class, () -> NpyMatrix.read(file));
    }

    @Test
    void constraintPointsOnePerClass() throws Exception {
        Path file = temp.resolve("c.csv");
        Files.writeString(file, "# x,y\n0,0\n\n5.5,-1\n");
        assertArrayEquals(new float[] {0, 0, 5.5f, -1}, ConstraintPoints.read(file, 2, 2));
        DataFormatException wrongCount = assertThrows(DataFormatException.class,
                () -> ConstraintPoints.read(file, 3, 2));
        assertTrue(wrongCount.getMessage().contains("3 classes"), wrongCount.getMessage());
        Files.writeString(file, "0,0\n1,x\n");
        DataFormatException bad = assertThrows(DataFormatException.class,
                () -> ConstraintPoints.read(file, 2, 2));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
    }

    @Test
    void settingsDefaultsAndErrors() {
        GuidedSettings defaults = GuidedSettings.from(Map.of());
        assertEquals(10, defaults.masterEpochs());
        assertEquals(0.005, defaults.beta());
        assertEquals(3.0, defaults.margin());
        assertEquals(0.001, defaults.masterLearningRate());
        assertEquals(32, defaults.triplets());
        assertEquals(12, GuidedSettings.from(Map.of("guided.master-epochs", "12")).masterEpochs());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> GuidedSettings.from(Map.of("guided.betta", "1")));
        assertTrue(unknown.getMessage().contains("guided.beta"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GuidedSettings.from(Map.of("guided.beta", "2")));
    }
}
