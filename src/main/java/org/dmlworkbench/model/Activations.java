package org.dmlworkbench.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.function.Function;

/** Activation functions by the names a {@link ModelSpec} uses. */
final class Activations {

    private Activations() {}

    static Function<NDList, NDList> byName(String name) {
        switch (name) {
            case "gelu":
                return Activation::gelu;
            case "relu":
                return Activation::relu;
            default:
                throw new IllegalArgumentException("unknown activation '" + name + "'");
        }
    }
}
