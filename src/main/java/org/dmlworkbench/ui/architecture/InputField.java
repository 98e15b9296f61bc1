package org.dmlworkbench.ui.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.dmlworkbench.data.Augmentation;
import org.dmlworkbench.model.BackboneSpec;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;

/**
 * The input and starting-weight settings of a {@link TrainingConfig} the Architecture form edits,
 * as the {@code train} options set them: {@code --image-size}, {@code --augment} with
 * {@code --crop-scale}, {@code --crop-ratio}, {@code --no-flip} and {@code --color-jitter},
 * {@code --init-from}, {@code --backbone} and {@code --freeze-backbone}. Each write returns a new
 * config, validated by the engine's own records, or throws with a sentence for the field.
 */
public enum InputField implements FormField {
    /** 0: the size the data decides (the most common training size). */
    IMAGE_SIZE("Image size") {
        String format(TrainingConfig c) {
            return Integer.toString(c.imageSize());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return c.toBuilder().imageSize(NumberText.whole(text)).build();
        }
    },
    AUGMENTATION("Augmentation") {
        String format(TrainingConfig c) {
            return c.augment().mode();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            Augmentation a = c.augment();
            return withAugment(c, new Augmentation(text, a.minScale(), a.maxScale(), a.minRatio(),
                    a.maxRatio(), a.flip(), a.colorJitter()));
        }
    },
    CROP_SCALE("Crop scale") {
        String format(TrainingConfig c) {
            return pair(c.augment().minScale(), c.augment().maxScale());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            double[] range = range(text);
            Augmentation a = c.augment();
            return withAugment(c, new Augmentation(a.mode(), range[0], range[1], a.minRatio(),
                    a.maxRatio(), a.flip(), a.colorJitter()));
        }
    },
    CROP_RATIO("Crop ratio") {
        String format(TrainingConfig c) {
            return pair(c.augment().minRatio(), c.augment().maxRatio());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            double[] range = range(text);
            Augmentation a = c.augment();
            return withAugment(c, new Augmentation(a.mode(), a.minScale(), a.maxScale(), range[0],
                    range[1], a.flip(), a.colorJitter()));
        }
    },
    FLIP("Flip") {
        String format(TrainingConfig c) {
            return Boolean.toString(c.augment().flip());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            Augmentation a = c.augment();
            return withAugment(c, new Augmentation(a.mode(), a.minScale(), a.maxScale(), a.minRatio(),
                    a.maxRatio(), Boolean.parseBoolean(text.strip()), a.colorJitter()));
        }
    },
    COLOR_JITTER("Colour jitter") {
        String format(TrainingConfig c) {
            return NumberText.decimal(c.augment().colorJitter());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            Augmentation a = c.augment();
            return withAugment(c, new Augmentation(a.mode(), a.minScale(), a.maxScale(), a.minRatio(),
                    a.maxRatio(), a.flip(), NumberText.number(text)));
        }
    },
    INIT_FROM("Init from run") {
        String format(TrainingConfig c) {
            return c.backbone().initFrom() == null ? "" : c.backbone().initFrom();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            BackboneSpec b = c.backbone();
            String folder = text.strip();
            if (folder.isEmpty()) {
                // Nothing left to freeze unless a file is the backbone.
                return c.toBuilder().backbone(new BackboneSpec(null, b.torchScript(),
                        b.frozen() && b.torchScript() != null, b.inputSize(), b.normalization())).build();
            }
            Path run = path(folder, "run folder");
            requireTrainedRun(run);
            return c.toBuilder().backbone(new BackboneSpec(run.toString(), b.torchScript(), b.frozen(),
                    b.inputSize(), b.normalization())).build();
        }
    },
    BACKBONE_FILE("Backbone file") {
        String format(TrainingConfig c) {
            return c.backbone().torchScript() == null ? "" : c.backbone().torchScript();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            BackboneSpec b = c.backbone();
            String name = text.strip();
            if (name.isEmpty()) {
                if (b.torchScript() == null) {
                    return c;
                }
                // The imported file was the whole model: the built-in default takes its place.
                return c.toBuilder().model(ModelSpec.preset("hybrid1").withEmbeddingDim(c.model().embeddingDim()))
                        .backbone(withoutFile(b)).build();
            }
            Path file = path(name, "file");
            requireTorchScript(file);
            ModelSpec head = c.model().isTorchScript() ? c.model()
                    : ModelSpec.torchScript().withEmbeddingDim(c.model().embeddingDim())
                            .withNormalizeEmbedding(c.model().normalizeEmbedding());
            return c.toBuilder().model(head).backbone(new BackboneSpec(b.initFrom(), file.toString(),
                    b.frozen(), b.inputSize(), b.normalization())).build();
        }
    },
    FREEZE_BACKBONE("Freeze backbone") {
        String format(TrainingConfig c) {
            return Boolean.toString(c.backbone().frozen());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            BackboneSpec b = c.backbone();
            return c.toBuilder().backbone(new BackboneSpec(b.initFrom(), b.torchScript(),
                    Boolean.parseBoolean(text.strip()), b.inputSize(), b.normalization())).build();
        }
    };

    private final String title;

    InputField(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }

    abstract String format(TrainingConfig config);

    abstract TrainingConfig parse(TrainingConfig config, String text);

    @Override
    public String read(TrainingConfig config) {
        return format(config);
    }

    @Override
    public TrainingConfig write(TrainingConfig config, String text) {
        return parse(config, text == null ? "" : text);
    }

    /** {@code backbone} without its TorchScript file (and unfrozen unless a run still starts it). */
    static BackboneSpec withoutFile(BackboneSpec backbone) {
        return new BackboneSpec(backbone.initFrom(), null, backbone.frozen() && backbone.initFrom() != null,
                0, "data");
    }

    private static TrainingConfig withAugment(TrainingConfig c, Augmentation augment) {
        return c.toBuilder().augment(augment).build();
    }

    private static String pair(double min, double max) {
        return NumberText.decimal(min) + ", " + NumberText.decimal(max);
    }

    /** "0.08, 1" or "0.08 1": two numbers, MIN then MAX. */
    private static double[] range(String text) {
        String[] parts = text.strip().split("[,\\s]+");
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("enter two numbers, MIN, MAX");
        }
        return new double[] {NumberText.number(parts[0]), NumberText.number(parts[1])};
    }

    private static Path path(String text, String what) {
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + what + " path");
        }
    }

    /** A run whose backbone can start another: it has a config and trained parameters. */
    private static void requireTrainedRun(Path folder) {
        RunDirectory run = new RunDirectory(folder);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("there is no folder " + folder);
        }
        if (!run.exists()) {
            throw new IllegalArgumentException(folder + " is not a run folder: it has no config.json");
        }
        if (!Files.isRegularFile(run.modelFile())) {
            throw new IllegalArgumentException("the run " + run.name() + " has no model.params to start from");
        }
    }

    /**
     * A TorchScript module is a zip archive ("PK"): anything else is refused here, by name, before
     * the engine is asked to load it. Whether it computes features is checked when it is sized.
     */
    private static void requireTorchScript(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            if (magic.length < 2 || magic[0] != 'P' || magic[1] != 'K') {
                throw new IllegalArgumentException(file.getFileName() + " is not a TorchScript file"
                        + " (torch.jit.save writes a zip archive)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
        }
    }
}
