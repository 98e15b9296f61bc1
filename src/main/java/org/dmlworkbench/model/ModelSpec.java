package org.dmlworkbench.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything that shapes an embedding network. The compact families (hybrid1-3, cnn, inn) share
 * one layout: {@code involutionLayers} involution layers on the input, then one stage per entry
 * of {@code convWidths} (3x3 conv, batch norm, activation; a 2x2 max-pool after every stage but
 * the last when {@code stagePooling} is "max"), global average pooling and a linear embedding.
 * {@code resnet18} and {@code resnet50} ignore the compact fields; {@code torchscript} is a
 * backbone imported from a TorchScript file (the training config names the file) and uses only
 * the embedding fields.
 *
 * @param family preset it came from: hybrid1, hybrid2, hybrid3, cnn, inn, resnet18, resnet50,
 *     custom, or torchscript
 * @param normalizeEmbedding L2-normalise the embedding (metric losses, evaluation and search all
 *     see the normalised vector; the classifier reads the raw one)
 * @param attention attention on the last feature map, before global pooling: "none", "glam" or
 *     "glam:" with a comma list of GLAM's parts ({@link GlobalLocalAttention#parse}); null (a
 *     spec saved before this field existed) means "none"
 * @param stem the ResNets' first layers: "cifar" (3x3 conv, stride 1, no max-pool), "imagenet"
 *     (7x7 conv stride 2, 3x3 max-pool stride 2) or "auto" (imagenet when the input's smaller
 *     side is at least {@link #IMAGENET_STEM_FROM} px, see {@link #resolvedStem}); other families
 *     have no stem and keep "auto". Null (a spec saved before this field existed, when ResNet-18
 *     always had the CIFAR stem) means "cifar" for a ResNet, "auto" otherwise
 */
public record ModelSpec(
        String family,
        int involutionLayers,
        List<Integer> convWidths,
        InvolutionSpec involution,
        String activation,
        String stagePooling,
        int embeddingDim,
        boolean normalizeEmbedding,
        String attention,
        String stem) {

    public static final Set<String> FAMILIES = Set.of("hybrid1", "hybrid2", "hybrid3", "cnn", "inn",
            "resnet18", "resnet50", "custom", "torchscript");
    public static final List<String> STEMS = List.of("auto", "cifar", "imagenet");
    /** "auto" gives a ResNet the ImageNet stem from this input size (px, smaller side) up. */
    public static final int IMAGENET_STEM_FROM = 96;
    public static final Set<String> ACTIVATIONS = Set.of("gelu", "relu");
    public static final Set<String> POOLINGS = Set.of("max", "none");
    static final List<Integer> PAPER_WIDTHS = List.of(16, 32, 64, 128);

    public ModelSpec {
        family = family.toLowerCase(Locale.ROOT);
        activation = activation.toLowerCase(Locale.ROOT);
        stagePooling = stagePooling.toLowerCase(Locale.ROOT);
        if (!FAMILIES.contains(family)) {
            throw new IllegalArgumentException("unknown model '" + family + "'; choose one of "
                    + new java.util.TreeSet<>(FAMILIES));
        }
        if (!ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("unknown activation '" + activation
                    + "'; choose gelu or relu");
        }
        if (!POOLINGS.contains(stagePooling)) {
            throw new IllegalArgumentException("unknown stage pooling '" + stagePooling
                    + "'; choose max or none");
        }
        if (involutionLayers < 0 || involutionLayers > 3) {
            throw new IllegalArgumentException("involution layers must be 0-3, got " + involutionLayers);
        }
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("embedding size must be >= 1, got " + embeddingDim);
        }
        attention = GlobalLocalAttention.canonical(GlobalLocalAttention.parse(attention));
        boolean resnet = family.startsWith("resnet");
        stem = stem == null ? (resnet ? "cifar" : "auto") : stem.toLowerCase(Locale.ROOT);
        if (!STEMS.contains(stem)) {
            throw new IllegalArgumentException("unknown stem '" + stem + "'; choose auto, cifar or"
                    + " imagenet");
        }
        if (!resnet && !stem.equals("auto")) {
            throw new IllegalArgumentException("--stem " + stem + " applies to resnet18 and resnet50"
                    + " only; the " + family + " model has no stem");
        }
        convWidths = List.copyOf(convWidths);
        if (convWidths.isEmpty() || convWidths.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("conv widths must be positive, got " + convWidths);
        }
    }

    /** A spec without attention (the layout before attention existed), stem "auto". */
    public ModelSpec(String family, int involutionLayers, List<Integer> convWidths,
            InvolutionSpec involution, String activation, String stagePooling, int embeddingDim,
            boolean normalizeEmbedding) {
        this(family, involutionLayers, convWidths, involution, activation, stagePooling,
                embeddingDim, normalizeEmbedding, "none", "auto");
    }

    /** A spec with stem "auto". */
    public ModelSpec(String family, int involutionLayers, List<Integer> convWidths,
            InvolutionSpec involution, String activation, String stagePooling, int embeddingDim,
            boolean normalizeEmbedding, String attention) {
        this(family, involutionLayers, convWidths, involution, activation, stagePooling,
                embeddingDim, normalizeEmbedding, attention, "auto");
    }

    /** The named preset with the paper's defaults (GELU, 128-d normalised embedding). */
    public static ModelSpec preset(String name) {
        String family = name.toLowerCase(Locale.ROOT);
        switch (family) {
            case "hybrid1":
                return compact(family, 1);
            case "hybrid2":
                return compact(family, 2);
            case "hybrid3":
                return compact(family, 3);
            case "cnn":
                return compact(family, 0);
            case "inn":
                return compact(family, 0);
            case "resnet18":
            case "resnet50":
                return new ModelSpec(family, 0, List.of(64, 128, 256, 512), InvolutionSpec.DEFAULT,
                        "relu", "none", 128, true);
            default:
                throw new IllegalArgumentException("unknown model '" + name + "'; choose one of "
                        + "hybrid1, hybrid2, hybrid3, cnn, inn, resnet18, resnet50");
        }
    }

    /**
     * The head of a backbone imported from a TorchScript file: a 128-d normalised embedding (the
     * compact fields are unused).
     */
    public static ModelSpec torchScript() {
        return new ModelSpec("torchscript", 0, PAPER_WIDTHS, InvolutionSpec.DEFAULT, "relu", "none",
                128, true);
    }

    public boolean isTorchScript() {
        return family.equals("torchscript");
    }

    private static ModelSpec compact(String family, int involutionLayers) {
        return new ModelSpec(family, involutionLayers, PAPER_WIDTHS, InvolutionSpec.DEFAULT,
                "gelu", "max", 128, true);
    }

    public boolean isResNet() {
        return family.equals("resnet18") || family.equals("resnet50");
    }

    /**
     * The stem a ResNet gets for square-ish inputs whose smaller side is {@code imageSize} px:
     * the spec's own, or for "auto" the ImageNet stem from {@link #IMAGENET_STEM_FROM} px up
     * (below it the 4x downsampling of the ImageNet stem leaves too little of a small image);
     * null for families without a stem.
     */
    public String resolvedStem(int imageSize) {
        if (!isResNet()) {
            return null;
        }
        if (!stem.equals("auto")) {
            return stem;
        }
        return imageSize >= IMAGENET_STEM_FROM ? "imagenet" : "cifar";
    }

    /** This spec with the stem resolved for the input size (unchanged for other families). */
    public ModelSpec forImageSize(int imageSize) {
        return isResNet() ? withStem(resolvedStem(imageSize)) : this;
    }

    public ModelSpec withStem(String name) {
        return new ModelSpec(family, involutionLayers, convWidths, involution, activation,
                stagePooling, embeddingDim, normalizeEmbedding, attention, name);
    }

    /** INN: every spatial aggregation is an involution; 1x1 convs only change the channel count. */
    public boolean isInvolutionOnly() {
        return family.equals("inn");
    }

    public ModelSpec withEmbeddingDim(int dim) {
        return new ModelSpec(family, involutionLayers, convWidths, involution, activation,
                stagePooling, dim, normalizeEmbedding, attention, stem);
    }

    public ModelSpec withActivation(String name) {
        return new ModelSpec(family, involutionLayers, convWidths, involution, name, stagePooling,
                embeddingDim, normalizeEmbedding, attention, stem);
    }

    public ModelSpec withStagePooling(String pooling) {
        return new ModelSpec(family, involutionLayers, convWidths, involution, activation, pooling,
                embeddingDim, normalizeEmbedding, attention, stem);
    }

    public ModelSpec withInvolution(InvolutionSpec spec) {
        return new ModelSpec(family, involutionLayers, convWidths, spec, activation, stagePooling,
                embeddingDim, normalizeEmbedding, attention, stem);
    }

    public ModelSpec withNormalizeEmbedding(boolean normalize) {
        return new ModelSpec(family, involutionLayers, convWidths, involution, activation,
                stagePooling, embeddingDim, normalize, attention, stem);
    }

    /** With attention before pooling: "none", "glam" or e.g. "glam:local-channel,global-spatial". */
    public ModelSpec withAttention(String text) {
        return new ModelSpec(family, involutionLayers, convWidths, involution, activation,
                stagePooling, embeddingDim, normalizeEmbedding, text, stem);
    }

    public boolean hasAttention() {
        return !attention.equals("none");
    }

    /** A customised copy: changing layers or widths makes it "custom" unless it still matches. */
    public ModelSpec withLayout(int involutions, List<Integer> widths) {
        String name = (involutions == involutionLayers && widths.equals(convWidths)) ? family : "custom";
        return new ModelSpec(name, involutions, widths, involution, activation, stagePooling,
                embeddingDim, normalizeEmbedding, attention, name.equals(family) ? stem : "auto");
    }
}
