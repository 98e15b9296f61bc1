package org.dmlworkbench.model;

import org.dmlworkbench.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Backbone, linear embedding head and, when a cross-entropy term trains it, a classifier on the
 * raw embedding. Forward returns {@code NDList(embedding[, logits])}; the embedding is
 * L2-normalised when the spec says so. The backbone is built from the spec or imported from a
 * TorchScript file; a frozen backbone gets no gradients and always runs in inference mode (its
 * batch norms use their running statistics), so only the heads train.
 */
public final class EmbeddingNet extends AbstractBlock implements MultiplyAdds.Counted {

    private static final byte VERSION = 1;
    public static final float NORM_FLOOR = 1e-12f;

    private final ModelSpec spec;
    private final int inputChannels;
    private final int classes;
    private final Block backbone;
    /** The backbone's children in order; Backbones ends every backbone with its global pooling. */
    private final List<Block> stages;
    private final Block embedding;
    private final Block classifier;
    private boolean frozenBackbone;

    /**
     * A network for small inputs: a ResNet's "auto" stem resolves as for an image under
     * {@link ModelSpec#IMAGENET_STEM_FROM} px (the CIFAR stem). For photos use
     * {@link #EmbeddingNet(ModelSpec, int, int, int)}.
     *
     * @param classes size of the classifier head, or 0 for none
     */
    public EmbeddingNet(ModelSpec spec, int inputChannels, int classes) {
        this(spec, inputChannels, 0, classes);
    }

    /**
     * @param imageSize the input's smaller side in px (resolves a ResNet's "auto" stem)
     * @param classes size of the classifier head, or 0 for none
     */
    public EmbeddingNet(ModelSpec spec, int inputChannels, int imageSize, int classes) {
        this(spec, inputChannels, classes, Backbones.build(spec, inputChannels, imageSize));
    }

    /**
     * A network on an imported backbone: global average pooling follows it when it returns a
     * feature map (B, C, H, W); vectors (B, D) go to the embedding layer as they are.
     *
     * @param probedOutput the backbone's output shape for one image ({@link TorchScriptBackbone#probe})
     */
    public static EmbeddingNet onImportedBackbone(ModelSpec spec, int inputChannels, int classes,
            TorchScriptBackbone imported, Shape probedOutput) {
        SequentialBlock backbone = new SequentialBlock().add(imported);
        backbone.add(probedOutput.dimension() == 4 ? Pool.globalAvgPool2dBlock()
                : new LambdaBlock(features -> features, "vectors"));
        return new EmbeddingNet(spec, inputChannels, classes, backbone);
    }

    private EmbeddingNet(ModelSpec spec, int inputChannels, int classes, Block backboneBlock) {
        super(VERSION);
        this.spec = spec;
        this.inputChannels = inputChannels;
        this.classes = classes;
        this.backbone = addChildBlock("backbone", backboneBlock);
        this.stages = List.copyOf(backbone.getChildren().values());
        this.embedding = addChildBlock("embedding",
                Linear.builder().setUnits(spec.embeddingDim()).build());
        this.classifier = classes > 0
                ? addChildBlock("classifier", Linear.builder().setUnits(classes).build())
                : null;
    }

    public ModelSpec spec() {
        return spec;
    }

    public int inputChannels() {
        return inputChannels;
    }

    public boolean hasClassifier() {
        return classifier != null;
    }

    public int classes() {
        return classes;
    }

    public Block backbone() {
        return backbone;
    }

    /**
     * Trains only the heads from now on: the backbone's parameters get no gradient and it runs
     * in inference mode in every forward. Before or after {@link #initialize}.
     */
    public void freezeBackbone() {
        frozenBackbone = true;
        if (backbone.isInitialized()) {
            backbone.freezeParameters(true);
        }
    }

    public boolean backboneFrozen() {
        return frozenBackbone;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return fromFeatureMap(store, featureMap(store, inputs.singletonOrThrow(), training), training);
    }

    /**
     * The backbone's last feature map, before its global pooling: g_m of feature-level mixup
     * (Metrix mixes here, as the authors' code does by default).
     *
     * @param images (batch, channels, height, width)
     */
    public NDArray featureMap(ParameterStore store, NDArray images, boolean training) {
        if (images.getShape().dimension() != 4 || images.getShape().get(1) != inputChannels) {
            throw new IllegalArgumentException("the model takes (batch, " + inputChannels
                    + ", height, width) images, got " + images.getShape());
        }
        NDList current = new NDList(images);
        boolean backboneTraining = training && !frozenBackbone;
        for (Block stage : stages.subList(0, stages.size() - 1)) {
            current = stage.forward(store, current, backboneTraining);
        }
        return current.singletonOrThrow();
    }

    /**
     * The rest of the network from a feature map: global pooling, the embedding layer, its
     * normalisation and the classifier; {@code NDList(embedding[, logits])} like forward.
     */
    public NDList fromFeatureMap(ParameterStore store, NDArray featureMap, boolean training) {
        return fromRawEmbedding(store, rawEmbedding(store, featureMap, training), training);
    }

    /**
     * Global pooling and the embedding layer on a feature map, before the normalisation: an
     * affine map of the feature map (average pooling is linear, the layer affine), so the raw
     * embedding of lambda F_p + (1 - lambda) F_n is lambda z_p + (1 - lambda) z_n. Metrix's
     * feature level relies on it ({@code training.MetrixStep}).
     */
    public NDArray rawEmbedding(ParameterStore store, NDArray featureMap, boolean training) {
        NDArray features = stages.get(stages.size() - 1)
                .forward(store, new NDList(featureMap), training).singletonOrThrow();
        return embedding.forward(store, new NDList(features), training).singletonOrThrow();
    }

    /** The normalisation (when the spec asks for it) and the classifier on raw embeddings. */
    public NDList fromRawEmbedding(ParameterStore store, NDArray raw, boolean training) {
        NDArray out = spec.normalizeEmbedding() ? normalize(raw) : raw;
        if (classifier == null) {
            return new NDList(out);
        }
        NDArray logits = classifier.forward(store, new NDList(raw), training).singletonOrThrow();
        return new NDList(out, logits);
    }

    /** Rows divided by their norm, floored at {@value #NORM_FLOOR}: the output's normalisation. */
    public static NDArray normalize(NDArray rows) {
        return rows.div(Scalars.max(rows.norm(new int[] {1}, true), NORM_FLOOR));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape emb = new Shape(batch, spec.embeddingDim());
        return classifier == null ? new Shape[] {emb} : new Shape[] {emb, new Shape(batch, classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes[0]);
        if (frozenBackbone) {
            backbone.freezeParameters(true);
        }
        Shape features = backbone.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        embedding.initialize(manager, dataType, features);
        if (classifier != null) {
            classifier.initialize(manager, dataType, new Shape(features.get(0), spec.embeddingDim()));
        }
    }

    /** Multiply-adds per image of the backbone and the heads ({@link MultiplyAdds}). */
    @Override
    public long multiplyAdds(Shape input) {
        Shape features = backbone.getOutputShapes(new Shape[] {input})[0];
        long total = MultiplyAdds.of(backbone, input) + MultiplyAdds.of(embedding, features);
        if (classifier != null) {
            total += MultiplyAdds.of(classifier, new Shape(input.get(0), spec.embeddingDim()));
        }
        return total;
    }
}
