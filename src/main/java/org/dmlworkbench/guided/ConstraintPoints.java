package org.dmlworkbench.guided;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.data.DataFormatException;

/**
 * The user's constraint vectors of Eq. 6: a CSV file with one point per class, in class order
 * (row k for class k), each with as many comma-separated numbers as the master's embedding has
 * dimensions. Blank lines and lines starting with '#' are skipped.
 */
public final class ConstraintPoints {

    private ConstraintPoints() {}

    /** (classes x dim) row-major points. */
    public static float[] read(Path file, int classes, int dim) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "the guided.constraints file does not exist");
        }
        List<float[]> points = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length != dim) {
                throw new DataFormatException(file, "line " + (n + 1) + " has " + fields.length
                        + " values; each constraint point needs " + dim + " (the embedding size)");
            }
            float[] point = new float[dim];
            for (int d = 0; d < dim; d++) {
                try {
                    point[d] = Float.parseFloat(fields[d].trim());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, "line " + (n + 1) + ", value " + (d + 1)
                            + " is not a number: '" + fields[d].trim() + "'");
                }
                if (!Float.isFinite(point[d])) {
                    throw new DataFormatException(file, "line " + (n + 1) + " holds a non-finite value");
                }
            }
            points.add(point);
        }
        if (points.size() != classes) {
            throw new DataFormatException(file, "has " + points.size() + " points but the data has "
                    + classes + " classes; give one point per class, in class order");
        }
        float[] out = new float[classes * dim];
        for (int k = 0; k < classes; k++) {
            System.arraycopy(points.get(k), 0, out, k * dim, dim);
        }
        return out;
    }
}
