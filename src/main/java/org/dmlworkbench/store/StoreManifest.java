package org.dmlworkbench.store;

import java.util.List;

/**
 * {@code STORE/store.json}: what a finished embedding store holds and what made it. It is written
 * last, after every array is complete and on disk, so its presence is what marks a store
 * complete: a folder without it is a build in progress (or one that failed) and is never searched.
 *
 * @param format layout version of the store folder ({@link #FORMAT})
 * @param fingerprint what produced the embeddings: a SHA-256 over the model's parameters, its
 *     input size and its normalisation (see {@link StoreFingerprint}); a store is only ever
 *     extended or searched with the model that has this fingerprint
 * @param run the run folder the model came from (informational: the fingerprint decides)
 * @param parametersSha256 SHA-256 of the model parameter file
 * @param input the model's input as channels x height x width, e.g. "1x28x28" ("" for vectors
 *     that came from no model)
 * @param imagesFolder the folder the images were listed from (absolute); item paths are
 *     relative to it; null when the vectors came from no folder
 * @param listingSha256 SHA-256 over the sorted relative paths and sizes of the listed images
 * @param count rows (items) in the store
 * @param dim floats per row
 * @param classes class folder names; labels index into this list (-1: no class folder)
 * @param skipped unreadable images left out with --skip-bad (listed in skipped.tsv)
 * @param ignored files under the folder that are not images by their name (not embedded)
 */
public record StoreManifest(int format, String created, String fingerprint, String run,
        String parametersSha256, String input, String imagesFolder, String listingSha256,
        long count, int dim, List<String> classes, long skipped, long ignored) {

    public static final int FORMAT = 1;

    public StoreManifest {
        classes = classes == null ? List.of() : List.copyOf(classes);
    }
}
