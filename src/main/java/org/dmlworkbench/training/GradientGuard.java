package org.dmlworkbench.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.util.Pair;
import ai.djl.nn.Block;

/**
 * Keeps a step with a non-finite gradient out of the parameters. A finite loss can still give NaN
 * gradients (0/0 in a backward pass); applied, one such step turns every parameter to NaN and
 * ends the run. Mixed-precision trainers skip those steps the same way. Used by the metric
 * trainer and the guided master stage.
 */
public final class GradientGuard {

    /** Steps skipped in a row before a run gives up: the parameters are beyond repair. */
    public static final int MAX_CONSECUTIVE_SKIPS = 20;

    private GradientGuard() {}

    /** True when every trainable parameter's gradient is finite; one reduction per array. */
    public static boolean allFinite(Block net, NDManager scope) {
        NDArray total = null;
        for (Pair<String, Parameter> parameter : net.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            if (!array.hasGradient()) {
                continue;
            }
            NDArray gradient = array.getGradient();
            gradient.attach(scope);
            // A sum is NaN or infinite when any element is (or when finite values overflow,
            // which is no step to take either).
            NDArray sum = gradient.sum();
            total = total == null ? sum : total.add(sum);
        }
        return total == null || Float.isFinite(total.getFloat());
    }

    /**
     * Clears every gradient without applying it. PyTorch accumulates gradients until an
     * optimizer update zeroes them, and arithmetic cannot clear NaN (NaN - NaN is NaN).
     */
    public static void discard(Block net, NDManager scope) {
        for (Pair<String, Parameter> parameter : net.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            if (!array.hasGradient()) {
                continue;
            }
            NDArray gradient = array.getGradient();
            gradient.attach(scope);
            // In place on the gradient's storage: non-finite entries to 0 first, then the rest.
            gradient.set(new NDIndex("{}", gradient.isNaN().logicalOr(gradient.isInfinite())), 0f);
            gradient.muli(0f);
        }
    }
}
