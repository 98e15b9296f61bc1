package org.dmlworkbench.ui.architecture;

import static org.dmlworkbench.ui.architecture.ConfigCopies.layout;
import static org.dmlworkbench.ui.architecture.ConfigCopies.withInvolution;
import static org.dmlworkbench.ui.architecture.ConfigCopies.withModel;
import static org.dmlworkbench.ui.architecture.ConfigCopies.withOptimizer;
import static org.dmlworkbench.ui.architecture.NumberText.decimal;
import static org.dmlworkbench.ui.architecture.NumberText.number;
import static org.dmlworkbench.ui.architecture.NumberText.whole;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dmlworkbench.guided.GuidedSettings;
import org.dmlworkbench.model.InvolutionSpec;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingMethods;
import org.dmlworkbench.config.OptimizerSpec;

/**
 * The editable settings of a {@link TrainingConfig}, each read from and written to text. Writing
 * returns a new config or throws {@link IllegalArgumentException} with a message fit to show next
 * to the field; the config itself is never changed in place.
 */
public enum ConfigField implements FormField {
    /** 0-3 involution layers before the convs, or "all" for INN (every spatial layer an involution). */
    INVOLUTION_LAYERS("Involution layers") {
        String format(TrainingConfig c) {
            return c.model().isInvolutionOnly() ? ALL_INVOLUTION : Integer.toString(c.model().involutionLayers());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            ModelSpec m = c.model();
            if (text.strip().equals(ALL_INVOLUTION)) {
                return withModel(c, layout(m, true, 0, m.convWidths()));
            }
            return withModel(c, layout(m, false, whole(text), m.convWidths()));
        }
    },
    CONV_WIDTHS("Conv widths") {
        String format(TrainingConfig c) {
            return c.model().convWidths().stream().map(String::valueOf).collect(Collectors.joining(", "));
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            List<Integer> widths = new ArrayList<>();
            for (String part : text.split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    widths.add(whole(part));
                }
            }
            ModelSpec m = c.model();
            return withModel(c, layout(m, m.isInvolutionOnly(), m.involutionLayers(), widths));
        }
    },
    ACTIVATION("Activation") {
        String format(TrainingConfig c) {
            return c.model().activation();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return withModel(c, c.model().withActivation(text.strip()));
        }
    },
    STAGE_POOLING("Stage pooling") {
        String format(TrainingConfig c) {
            return c.model().stagePooling();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return withModel(c, c.model().withStagePooling(text.strip()));
        }
    },
    EMBEDDING_SIZE("Embedding size") {
        String format(TrainingConfig c) {
            return Integer.toString(c.model().embeddingDim());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return withModel(c, c.model().withEmbeddingDim(whole(text)));
        }
    },
    NORMALIZE_EMBEDDING("Normalise embedding") {
        String format(TrainingConfig c) {
            return Boolean.toString(c.model().normalizeEmbedding());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return withModel(c, c.model().withNormalizeEmbedding(Boolean.parseBoolean(text.strip())));
        }
    },
    KERNEL_SIZE("Kernel size") {
        String format(TrainingConfig c) {
            return Integer.toString(c.model().involution().kernelSize());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            InvolutionSpec i = c.model().involution();
            return withInvolution(c, new InvolutionSpec(whole(text), i.stride(), i.groups(), i.reductionRatio()));
        }
    },
    STRIDE("Stride") {
        String format(TrainingConfig c) {
            return Integer.toString(c.model().involution().stride());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            InvolutionSpec i = c.model().involution();
            return withInvolution(c, new InvolutionSpec(i.kernelSize(), whole(text), i.groups(), i.reductionRatio()));
        }
    },
    GROUPS("Groups") {
        String format(TrainingConfig c) {
            return Integer.toString(c.model().involution().groups());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            InvolutionSpec i = c.model().involution();
            return withInvolution(c, new InvolutionSpec(i.kernelSize(), i.stride(), whole(text), i.reductionRatio()));
        }
    },
    REDUCTION_RATIO("Reduction ratio") {
        String format(TrainingConfig c) {
            return Integer.toString(c.model().involution().reductionRatio());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            InvolutionSpec i = c.model().involution();
            return withInvolution(c, new InvolutionSpec(i.kernelSize(), i.stride(), i.groups(), whole(text)));
        }
    },
    LOSS("Loss") {
        String format(TrainingConfig c) {
            return LossText.format(c.loss(), c.lossParams());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            LossText loss = LossText.parse(text);
            // The config's method checks the expression and every hyper-parameter the way a run would.
            return c.toBuilder().loss(loss.expression(), loss.params()).build();
        }
    },
    SAMPLER("Sampler") {
        String format(TrainingConfig c) {
            return c.sampler();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return c.toBuilder().sampler(text.strip(), c.samplesPerClass()).build();
        }
    },
    SAMPLES_PER_CLASS("Samples per class (M)") {
        String format(TrainingConfig c) {
            return Integer.toString(c.samplesPerClass());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return c.toBuilder().sampler(c.sampler(), whole(text)).build();
        }
    },
    OPTIMIZER("Optimiser") {
        String format(TrainingConfig c) {
            return c.optimizer().name();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            OptimizerSpec o = c.optimizer();
            return withOptimizer(c, new OptimizerSpec(text.strip(), o.learningRate(), o.weightDecay(),
                    o.momentum(), o.clipGradient(), o.schedule(), o.warmupFraction()));
        }
    },
    LEARNING_RATE("Learning rate") {
        String format(TrainingConfig c) {
            return decimal(c.optimizer().learningRate());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            OptimizerSpec o = c.optimizer();
            return withOptimizer(c, new OptimizerSpec(o.name(), number(text), o.weightDecay(), o.momentum(),
                    o.clipGradient(), o.schedule(), o.warmupFraction()));
        }
    },
    WEIGHT_DECAY("Weight decay") {
        String format(TrainingConfig c) {
            return decimal(c.optimizer().weightDecay());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            OptimizerSpec o = c.optimizer();
            return withOptimizer(c, new OptimizerSpec(o.name(), o.learningRate(), number(text), o.momentum(),
                    o.clipGradient(), o.schedule(), o.warmupFraction()));
        }
    },
    MOMENTUM("Momentum") {
        String format(TrainingConfig c) {
            return decimal(c.optimizer().momentum());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            OptimizerSpec o = c.optimizer();
            return withOptimizer(c, new OptimizerSpec(o.name(), o.learningRate(), o.weightDecay(), number(text),
                    o.clipGradient(), o.schedule(), o.warmupFraction()));
        }
    },
    GRADIENT_CLIP("Gradient clip") {
        String format(TrainingConfig c) {
            return decimal(c.optimizer().clipGradient());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            OptimizerSpec o = c.optimizer();
            return withOptimizer(c, new OptimizerSpec(o.name(), o.learningRate(), o.weightDecay(), o.momentum(),
                    number(text), o.schedule(), o.warmupFraction()));
        }
    },
    EPOCHS("Epochs") {
        String format(TrainingConfig c) {
            return Integer.toString(c.epochs());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return c.toBuilder().epochs(whole(text)).build();
        }
    },
    BATCH_SIZE("Batch size") {
        String format(TrainingConfig c) {
            return Integer.toString(c.batchSize());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return c.toBuilder().batchSize(whole(text)).build();
        }
    },
    SEED("Seed") {
        String format(TrainingConfig c) {
            return Long.toString(c.seed());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            try {
                return c.toBuilder().seed(Long.parseLong(text.strip())).build();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not a whole number");
            }
        }
    },
    ATTENTION("Attention (GLAM)") {
        String format(TrainingConfig c) {
            return c.model().attention();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return withModel(c, c.model().withAttention(text.strip()));
        }
    },
    LR_SCHEDULE("LR schedule") {
        String format(TrainingConfig c) {
            return c.optimizer().schedule();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            OptimizerSpec o = c.optimizer();
            return withOptimizer(c, o.withSchedule(text.strip(), o.warmupFraction()));
        }
    },
    WARMUP_FRACTION("Warm-up fraction") {
        String format(TrainingConfig c) {
            return decimal(c.optimizer().warmupFraction());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            OptimizerSpec o = c.optimizer();
            return withOptimizer(c, o.withSchedule(o.schedule(), number(text)));
        }
    },
    METHOD("Method") {
        String format(TrainingConfig c) {
            return c.method();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            return MethodChoice.apply(text.strip(), c);
        }
    },
    TEACHER_RUN("Teacher run") {
        String format(TrainingConfig c) {
            return c.teacherRun() == null ? "" : c.teacherRun();
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            String folder = text.strip();
            if (folder.isEmpty()) {
                if (TrainingMethods.byName(c.method()).needsTeacherRun()) {
                    throw new IllegalArgumentException("an " + c.method() + " run needs a teacher: pick a finished run");
                }
                return c.toBuilder().method(c.method(), null, c.methodParams()).build();
            }
            Path path;
            try {
                path = Path.of(folder).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + folder + "' is not a folder path");
            }
            TeacherRuns.requireFinished(path);
            return c.toBuilder().method(c.method(), path.toString(), c.methodParams()).build();
        }
    },
    METHOD_PARAMS("Method parameters") {
        String format(TrainingConfig c) {
            return ParamText.format(c.methodParams());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            Map<String, String> params = ParamText.parse(text);
            MethodChoice.requireKnownParameters(params);
            // Guided keys are checked whatever the method, so switching to guided later cannot fail on them.
            GuidedSettings.from(params);
            return c.toBuilder().method(c.method(), c.teacherRun(), params).build();
        }
    },
    CHUNK_SIZE("Two-pass chunk") {
        String format(TrainingConfig c) {
            return Integer.toString(c.chunkSize());
        }

        TrainingConfig parse(TrainingConfig c, String text) {
            int chunk = whole(text);
            if (chunk != 0 && !TrainingMethods.byName(c.method()).takesChunks()) {
                throw new IllegalArgumentException("two-pass chunks work with metric learning only; use 0");
            }
            return c.toBuilder().chunkSize(chunk).build();
        }
    };

    private final String title;

    ConfigField(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }

    /** The involution-layers value of INN, whose every spatial layer is an involution. */
    public static final String ALL_INVOLUTION = "all";

    /** The setting's current value as the field shows it. */
    abstract String format(TrainingConfig config);

    /** A copy of {@code config} with this setting read from {@code text}; throws with a message when invalid. */
    abstract TrainingConfig parse(TrainingConfig config, String text);

    @Override
    public String read(TrainingConfig config) {
        return format(config);
    }

    @Override
    public TrainingConfig write(TrainingConfig config, String text) {
        return parse(config, text == null ? "" : text);
    }
}
