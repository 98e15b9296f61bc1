package org.dmlworkbench.model;

import org.dmlworkbench.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * Backbone, linear embedding head and, when a cross-entropy term trains it, a classifier on the
 * raw embedding. Forward returns {@code NDList(embedding[, logits])}; the embedding is
 * L2-normalised when the spec says so.
 */
public final class EmbeddingNet extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float NORM_FLOOR = 1e-12f;

    private final ModelSpec spec;
    private final int inputChannels;
    private final int classes;
    private final Block backbone;
    /** The backbone's children in order; Backbones ends every backbone with its global pooling. */
    private final List<Block> stages;
    private final Block embedding;
    private final Block classifier;

    /**
     * @param classes size of the classifier head, or 0 for none
     */
    public EmbeddingNet(ModelSpec spec, int inputChannels, int classes) {
        super(VERSION);
        this.spec = spec;
        this.inputChannels = inputChannels;
        this.classes = classes;
        this.backbone = addChildBlock("backbone", Backbones.build(spec, inputChannels));
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
        for (Block stage : stages.subList(0, stages.size() - 1)) {
            current = stage.forward(store, current, training);
        }
        return current.singletonOrThrow();
    }

    /**
     * The rest of the network from a feature map: global pooling, the embedding layer, its
     * normalisation and the classifier; {@code NDList(embedding[, logits])} like forward.
     */
    public NDList fromFeatureMap(ParameterStore store, NDArray featureMap, boolean training) {
        NDArray features = stages.get(stages.size() - 1)
                .forward(store, new NDList(featureMap), training).singletonOrThrow();
        NDArray raw = embedding.forward(store, new NDList(features), training).singletonOrThrow();
        NDArray out = spec.normalizeEmbedding() ? normalize(raw) : raw;
        if (classifier == null) {
            return new NDList(out);
        }
        NDArray logits = classifier.forward(store, new NDList(raw), training).singletonOrThrow();
        return new NDList(out, logits);
    }

    static NDArray normalize(NDArray rows) {
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
        Shape features = backbone.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        embedding.initialize(manager, dataType, features);
        if (classifier != null) {
            classifier.initialize(manager, dataType, new Shape(features.get(0), spec.embeddingDim()));
        }
    }
}
