package org.dmlworkbench.projection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.evaluation.ProjectorExport;
import org.dmlworkbench.guided.NpyMatrix;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.io.OutputFolders;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.store.NpyHeader;

/**
 * Everything a user needs to look at embeddings elsewhere, in one folder: for the TensorBoard
 * Embedding Projector {@code tensors.tsv}, {@code metadata.tsv} (label and class, with header),
 * {@code sprite.png} and {@code projector_config.pbtxt} that ties them together (open the folder
 * with {@code tensorboard --logdir} or load the files at projector.tensorflow.org); for Python
 * {@code embeddings.npy} (float32) with {@code labels.npy} (int32) and {@code classes.txt} (one
 * class name a line, in label order). Each file is written atomically, and none that exists is
 * replaced unless the caller says the user agreed.
 */
public final class ProjectorBundle {

    public static final String TENSORS = "tensors.tsv";
    public static final String METADATA = "metadata.tsv";
    public static final String SPRITE = "sprite.png";
    public static final String CONFIG = "projector_config.pbtxt";
    public static final String EMBEDDINGS_NPY = "embeddings.npy";
    public static final String LABELS_NPY = "labels.npy";
    public static final String CLASSES = "classes.txt";
    public static final List<String> FILES =
            List.of(TENSORS, METADATA, SPRITE, CONFIG, EMBEDDINGS_NPY, LABELS_NPY, CLASSES);

    /** What was written. */
    public record Result(Path folder, int rows, int dim, SpriteSheet sprite) {}

    private ProjectorBundle() {}

    /** The bundle's files that already exist in {@code folder}: ask before replacing them. */
    public static List<Path> existing(Path folder) {
        List<Path> found = new ArrayList<>();
        for (String name : FILES) {
            if (Files.exists(folder.resolve(name))) {
                found.add(folder.resolve(name));
            }
        }
        return found;
    }

    /**
     * @param images the embedded images in the same order (for the sprite), or null for none
     * @param replace whether the user agreed to replace files of these names in {@code folder}
     */
    public static Result write(Path folder, Embeddings embeddings, int[] labels,
            List<String> classNames, ImageSet images, boolean replace, Cancellation cancel)
            throws IOException {
        if (images != null && images.size() != embeddings.count()) {
            throw new IllegalArgumentException(embeddings.count() + " embeddings but "
                    + images.size() + " images: the sprite pairs them by position");
        }
        List<Path> clash = existing(folder);
        if (!replace && !clash.isEmpty()) {
            throw new IOException(clash.get(0) + " exists; choose another folder or agree to"
                    + " replace the " + clash.size() + " export file" + (clash.size() == 1 ? "" : "s")
                    + " there");
        }
        OutputFolders.create(folder, "export folder");
        ProjectorExport.write(folder.resolve(TENSORS), folder.resolve(METADATA), embeddings,
                labels, classNames);
        cancel.throwIfCancelled();
        SpriteSheet sprite = null;
        if (images != null) {
            sprite = SpriteSheet.layout(images.size(), Math.max(images.height(), images.width()));
            sprite.write(folder.resolve(SPRITE), images, cancel);
        }
        AtomicFiles.writeString(folder.resolve(CONFIG), config(sprite));
        new NpyMatrix(embeddings.count(), embeddings.dim(), embeddings.data())
                .write(folder.resolve(EMBEDDINGS_NPY));
        writeLabels(folder.resolve(LABELS_NPY), labels);
        AtomicFiles.writeString(folder.resolve(CLASSES), String.join("\n", classNames) + "\n");
        return new Result(folder, embeddings.count(), embeddings.dim(), sprite);
    }

    /** The Projector's config, paths relative to the folder it lies in. */
    static String config(SpriteSheet sprite) {
        StringBuilder text = new StringBuilder();
        text.append("embeddings {\n");
        text.append("  tensor_name: \"embeddings\"\n");
        text.append("  tensor_path: \"").append(TENSORS).append("\"\n");
        text.append("  metadata_path: \"").append(METADATA).append("\"\n");
        if (sprite != null) {
            text.append("  sprite {\n");
            text.append("    image_path: \"").append(SPRITE).append("\"\n");
            text.append("    single_image_dim: ").append(sprite.cell()).append('\n');
            text.append("    single_image_dim: ").append(sprite.cell()).append('\n');
            text.append("  }\n");
        }
        text.append("}\n");
        return text.toString();
    }

    private static void writeLabels(Path file, int[] labels) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(NpyHeader.LENGTH + 4 * labels.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        data.put(new NpyHeader(NpyHeader.INT32, labels.length, 0).bytes());
        for (int label : labels) {
            data.putInt(label);
        }
        AtomicFiles.writeBytes(file, data.array());
    }
}
