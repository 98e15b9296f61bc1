package org.dmlworkbench.progress;

/**
 * Receives progress of long work (downloads, embedding, training, projections). Called from the
 * worker thread: a UI implementation hands it to its own thread.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (task, done, total, unit) -> {};

    /**
     * @param task short description ("download train-images-idx3-ubyte.gz", "embed test")
     * @param done units finished so far
     * @param total units in all, or -1 when unknown
     * @param unit what is counted ("bytes", "images", "iterations")
     */
    void update(String task, long done, long total, String unit);
}
