package org.dmlworkbench.training;

import org.dmlworkbench.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a step with a non-finite gradient out of the parameters. A finite loss can still give NaN
 * gradients (0/0 in a backward pass); applied, one such step turns every parameter to NaN and
 * ends the run. Mixed-precision trainers skip those steps the same way. One guard per training
 * loop (the metric trainer, the guided master stage) counts the steps it skipped.
 */
public final class GradientGuard {

    /** Steps skipped in a row before a run gives up: the parameters are beyond repair. */
    public static final int MAX_CONSECUTIVE_SKIPS = 20;

    private final String subject;
    private final String advice;
    private int skippedSteps;
    private int consecutiveSkips;

    /**
     * @param subject whose gradients, as the failure message names them ("the gradients")
     * @param advice appended to that message ("" or e.g. "; lower guided.master-lr")
     */
    public GradientGuard(String subject, String advice) {
        this.subject = subject;
        this.advice = advice;
    }

    /**
     * True when the step's gradients are finite and may be applied; otherwise they are discarded
     * and the step counted as skipped.
     *
     * @throws NonFiniteLossException after {@link #MAX_CONSECUTIVE_SKIPS} skipped steps in a row
     */
    public boolean admit(Block net, NDManager scope, int epoch, int step, float value) {
        if (allFinite(net, scope)) {
            consecutiveSkips = 0;
            return true;
        }
        discard(net, scope);
        skippedSteps++;
        if (++consecutiveSkips >= MAX_CONSECUTIVE_SKIPS) {
            throw new NonFiniteLossException(epoch, step, value, subject + " were NaN or infinite for "
                    + consecutiveSkips + " steps in a row" + advice);
        }
        return false;
    }

    public int skippedSteps() {
        return skippedSteps;
    }

    /** True when every trainable parameter's gradient is finite; one reduction per array. */
    static boolean allFinite(Block net, NDManager scope) {
        NDArray total = null;
        for (NDArray gradient : gradients(net, scope)) {
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
    static void discard(Block net, NDManager scope) {
        for (NDArray gradient : gradients(net, scope)) {
            // In place on the gradient's storage: non-finite entries to 0 first, then the rest.
            gradient.set(new NDIndex("{}", gradient.isNaN().logicalOr(gradient.isInfinite())), 0f);
            Scalars.muli(gradient, 0);
        }
    }

    /** The gradients of the parameters that have one, attached to {@code scope}. */
    private static List<NDArray> gradients(Block net, NDManager scope) {
        List<NDArray> gradients = new ArrayList<>();
        for (Pair<String, Parameter> parameter : net.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            if (array.hasGradient()) {
                NDArray gradient = array.getGradient();
                gradient.attach(scope);
                gradients.add(gradient);
            }
        }
        return gradients;
    }
}
