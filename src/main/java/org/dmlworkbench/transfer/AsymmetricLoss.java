package org.dmlworkbench.transfer;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loss between a student's embeddings and a frozen teacher's embeddings of the same batch
 * (Budnik and Avrithis, "Asymmetric metric learning for knowledge transfer"). The teacher's
 * embeddings arrive already detached from the graph; only the student receives gradients.
 */
public abstract class AsymmetricLoss {

    private final String name;

    protected AsymmetricLoss(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * @param student (B, D) student embeddings, in the graph
     * @param teacher (B, D') teacher embeddings of the same images, without gradient
     * @param labels (B) integer labels
     * @return a scalar loss
     */
    public abstract NDArray compute(NDArray student, NDArray teacher, NDArray labels);

    /**
     * True when the loss compares student and teacher vectors directly, so both spaces must have
     * the same dimension; relational losses compare distances within each space instead.
     */
    public boolean comparesVectorsAcrossSpaces() {
        return true;
    }

    /** Effective settings for the run's config. */
    public Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("class", getClass().getSimpleName());
        return settings;
    }
}
