package org.dmlworkbench.data.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.benchmark.IndexedImage.Part;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Struct;

/**
 * Stanford Cars (Cars196) as car_ims.tgz and cars_annos.mat are published: {@code car_ims/} and
 * the MATLAB v5 file {@code cars_annos.mat}, holding the struct array {@code annotations}
 * (fields relative_im_path "car_ims/000001.jpg", bbox_x1..bbox_y2, class 1..196, test) and the
 * cell array {@code class_names}. The metric-learning split is by class: 1-98 train, 99-196 test;
 * the {@code test} field is the classification split (the same classes on both sides) and is not
 * read, nor are the boxes (the field trains on whole images).
 */
public final class Cars196Layout extends BenchmarkLayout {

    static final String ANNOTATIONS_FILE = "cars_annos.mat";
    /** The last training class of the standard split. */
    static final int LAST_TRAINING_CLASS = 98;

    @Override
    public String name() {
        return "cars196";
    }

    @Override
    public List<String> aliases() {
        return List.of("cars-196", "stanford-cars", "cars");
    }

    @Override
    public String title() {
        return "Cars196";
    }

    @Override
    public List<String> files() {
        return List.of(ANNOTATIONS_FILE, "car_ims/");
    }

    @Override
    public String packaging() {
        return "cars_annos.mat and car_ims.tgz";
    }

    @Override
    public String source() {
        return "https://ai.stanford.edu/~jkrause/cars/car_dataset.html";
    }

    @Override
    public String standardSplit() {
        return "classes 1-" + LAST_TRAINING_CLASS + " train, " + (LAST_TRAINING_CLASS + 1) + "-196 test";
    }

    @Override
    List<String> markers() {
        return List.of(ANNOTATIONS_FILE);
    }

    @Override
    List<IndexedImage> index(Path root) {
        Path file = root.resolve(ANNOTATIONS_FILE);
        try (MatFile mat = Mat5.readFromFile(file.toFile())) {
            return index(root, file, mat);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException format) {
                throw format;
            }
            throw new DataFormatException(file.toString(), "cannot be read as a MATLAB v5 file (" + reason(e)
                    + "); the published cars_annos.mat is one, so download it again", e);
        }
    }

    /** The innermost cause's own words: the library wraps its parse errors in IOExceptions. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName()
                : message.strip().replaceAll("\\.$", "");
    }

    private List<IndexedImage> index(Path root, Path file, MatFile mat) {
        Struct annotations = entry(file, mat, "annotations", Struct.class);
        Cell classNames = entry(file, mat, "class_names", Cell.class);
        for (String field : List.of("relative_im_path", "class")) {
            if (!annotations.getFieldNames().contains(field)) {
                throw new DataFormatException(file, "its annotations have no field '" + field + "' (they have "
                        + annotations.getFieldNames() + ")");
            }
        }
        List<IndexedImage> listed = new ArrayList<>();
        for (int i = 0; i < annotations.getNumElements(); i++) {
            String where = ANNOTATIONS_FILE + " annotation " + (i + 1);
            String path = annotations.getChar("relative_im_path", i).getString().strip();
            long classId = annotations.getMatrix("class", i).getLong(0);
            if (classId < 1 || classId > classNames.getNumElements()) {
                throw new DataFormatException(file, "annotation " + (i + 1) + " gives class " + classId
                        + ", but class_names names classes 1-" + classNames.getNumElements());
            }
            String className = classNames.getChar((int) classId - 1).getString().strip();
            listed.add(new IndexedImage(root.resolve(path), where, classId, className,
                    classId <= LAST_TRAINING_CLASS ? Part.TRAIN : Part.TEST));
        }
        return listed;
    }

    private static <T> T entry(Path file, MatFile mat, String name, Class<T> type) {
        for (MatFile.Entry entry : mat.getEntries()) {
            if (entry.getName().equals(name)) {
                if (!type.isInstance(entry.getValue())) {
                    throw new DataFormatException(file, "'" + name + "' is not a "
                            + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " array");
                }
                return type.cast(entry.getValue());
            }
        }
        throw new DataFormatException(file, "holds no '" + name + "' (cars_annos.mat holds the struct array"
                + " annotations and the cell array class_names)");
    }
}
