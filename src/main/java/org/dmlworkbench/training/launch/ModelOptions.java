package org.dmlworkbench.training.launch;

import java.util.List;
import org.dmlworkbench.model.InvolutionSpec;
import org.dmlworkbench.model.ModelSpec;
import picocli.CommandLine.Option;

/**
 * Model shape options shared by train, study runs and info; unset options keep the preset's
 * values. Outside {@code cli} (issue 17) because {@link TrainArguments} builds configs from them
 * for studies too, and study must not depend on the command line package.
 */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "M",
            description = "hybrid1, hybrid2, hybrid3, cnn, inn, resnet18 or resnet50 (default hybrid1).")
    String model;

    @Option(names = "--stem", paramLabel = "S",
            description = "ResNet stem: auto (imagenet from 96 px up, else cifar; default), cifar"
                    + " (3x3 conv, no max-pool) or imagenet (7x7 conv stride 2, 3x3 max-pool).")
    String stem;

    @Option(names = "--embedding-dim", paramLabel = "K", description = "Embedding size (default 128).")
    Integer embeddingDim;

    @Option(names = "--activation", paramLabel = "A", description = "gelu or relu (default gelu).")
    String activation;

    @Option(names = "--stage-pooling", paramLabel = "P",
            description = "max: 2x2 max-pool between conv stages (default); none: full resolution"
                    + " throughout, as the paper's figure draws it (about 7x slower).")
    String stagePooling;

    @Option(names = "--involution-layers", paramLabel = "N", description = "Involution layers, 0-3.")
    Integer involutionLayers;

    @Option(names = "--conv-widths", paramLabel = "W", split = ",",
            description = "Conv stage widths, e.g. 16,32,64,128.")
    List<Integer> convWidths;

    @Option(names = "--involution-kernel", paramLabel = "K", description = "Involution kernel (default 3).")
    Integer involutionKernel;

    @Option(names = "--involution-stride", paramLabel = "S", description = "Involution stride (default 1).")
    Integer involutionStride;

    @Option(names = "--involution-groups", paramLabel = "G", description = "Involution groups (default 1).")
    Integer involutionGroups;

    @Option(names = "--involution-reduction", paramLabel = "R",
            description = "Involution reduction ratio (default 2).")
    Integer involutionReduction;

    @Option(names = "--attention", paramLabel = "A",
            description = "Attention before global pooling: none (default), glam (global-local"
                    + " attention, all four parts) or glam: with a comma list of local-channel,"
                    + " local-spatial, global-channel, global-spatial.")
    String attention;

    @Option(names = "--no-normalize", description = "Do not L2-normalise the embedding.")
    boolean noNormalize;

    public ModelSpec toSpec() {
        ModelSpec spec = ModelSpec.preset(model == null ? "hybrid1" : model);
        if (stem != null) {
            spec = spec.withStem(stem);
        }
        if (involutionLayers != null || convWidths != null) {
            spec = spec.withLayout(involutionLayers != null ? involutionLayers : spec.involutionLayers(),
                    convWidths != null ? convWidths : spec.convWidths());
        }
        if (embeddingDim != null) {
            spec = spec.withEmbeddingDim(embeddingDim);
        }
        if (activation != null) {
            spec = spec.withActivation(activation);
        }
        if (stagePooling != null) {
            spec = spec.withStagePooling(stagePooling);
        }
        InvolutionSpec inv = spec.involution();
        if (involutionKernel != null || involutionStride != null || involutionGroups != null
                || involutionReduction != null) {
            spec = spec.withInvolution(new InvolutionSpec(
                    involutionKernel != null ? involutionKernel : inv.kernelSize(),
                    involutionStride != null ? involutionStride : inv.stride(),
                    involutionGroups != null ? involutionGroups : inv.groups(),
                    involutionReduction != null ? involutionReduction : inv.reductionRatio()));
        }
        if (attention != null) {
            spec = spec.withAttention(attention);
        }
        if (noNormalize) {
            spec = spec.withNormalizeEmbedding(false);
        }
        return spec;
    }

    /**
     * The head of an imported backbone: only the embedding options apply.
     *
     * @throws IllegalArgumentException naming the options that shape a built-in backbone
     */
    public ModelSpec toImportedSpec() {
        java.util.List<String> builtIn = new java.util.ArrayList<>();
        Object[][] options = {{"--model", model}, {"--stem", stem}, {"--activation", activation},
            {"--stage-pooling", stagePooling}, {"--involution-layers", involutionLayers},
            {"--conv-widths", convWidths}, {"--involution-kernel", involutionKernel},
            {"--involution-stride", involutionStride}, {"--involution-groups", involutionGroups},
            {"--involution-reduction", involutionReduction}, {"--attention", attention}};
        for (Object[] option : options) {
            if (option[1] != null) {
                builtIn.add((String) option[0]);
            }
        }
        if (!builtIn.isEmpty()) {
            throw new IllegalArgumentException("--backbone FILE.pt is the whole backbone; "
                    + String.join(", ", builtIn) + " shape" + (builtIn.size() == 1 ? "s" : "")
                    + " a built-in model and cannot be given with it");
        }
        ModelSpec spec = ModelSpec.torchScript();
        if (embeddingDim != null) {
            spec = spec.withEmbeddingDim(embeddingDim);
        }
        return noNormalize ? spec.withNormalizeEmbedding(false) : spec;
    }
}
