package org.dmlworkbench.training;

/** The loss became NaN or infinite; the step was not applied. */
public final class NonFiniteLossException extends RuntimeException {

    /**
     * @param diagnosis what was found non-finite (parameters, embeddings), to tell a diverged
     *     model from a loss that broke on finite inputs
     */
    public NonFiniteLossException(int epoch, int step, float value, String diagnosis) {
        super("the loss became " + value + " at epoch " + (epoch + 1) + ", step " + step
                + " (" + diagnosis + "); the step was not applied and the last good checkpoint is"
                + " kept. Lower the learning rate or check the data and resume with 'train --resume'.");
    }
}
