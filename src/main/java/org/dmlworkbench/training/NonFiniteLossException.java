package org.dmlworkbench.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/** The loss became NaN or infinite; the step was not applied. */
public final class NonFiniteLossException extends RuntimeException {

    /**
     * @param diagnosis what was found non-finite (parameters, embeddings), to tell a diverged
     *     model from a loss that broke on finite inputs
     */
    public NonFiniteLossException(int epoch, int step, float value, String diagnosis) {
        super("the loss became " + value + " at epoch " + (epoch + 1) + ", step " + step
                + " (" + diagnosis + "); the step was not applied and the last good checkpoint is"
                + " kept.");
    }

    /** Which inputs of a broken loss were already non-finite: a diverged model or the loss. */
    static String diagnose(Block net, NDArray embeddings) {
        List<String> broken = new ArrayList<>();
        for (Pair<String, Parameter> parameter : net.getParameters()) {
            NDArray values = parameter.getValue().getArray();
            if (values.isNaN().logicalOr(values.isInfinite()).any().getBoolean()) {
                broken.add(parameter.getKey());
            }
        }
        if (!broken.isEmpty()) {
            return broken.size() + " parameter arrays hold NaN or infinite values, e.g. " + broken.get(0);
        }
        return embeddings.isNaN().any().getBoolean()
                ? "the parameters are finite but the embeddings are not"
                : "parameters and embeddings are finite: the loss itself overflowed";
    }
}
