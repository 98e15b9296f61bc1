package org.dmlworkbench.store;

import java.util.List;

/**
 * {@code STORE/build.json}: the checkpoint of a store being built, rewritten atomically after
 * the arrays' bytes up to it are forced to disk. Anything past these counts in the partial files
 * (a batch cut short by a crash, a full disk or a kill) is cut off when the build resumes.
 *
 * @param identity what the store will be (the manifest without its final counts)
 * @param filesTotal images listed in the folder
 * @param filesDone listed images handled so far (embedded or skipped), in listing order
 * @param rows rows written to the arrays
 * @param dim floats per row (0 until the first batch was embedded)
 * @param itemsBytes bytes of items.tsv.partial that belong to these rows
 * @param skippedBytes bytes of skipped.tsv.partial up to this checkpoint
 * @param skipped files skipped so far
 */
public record BuildState(StoreManifest identity, long filesTotal, long filesDone, long rows,
        int dim, long itemsBytes, long skippedBytes, long skipped) {

    static BuildState start(StoreManifest identity, long filesTotal, long itemsHeaderBytes) {
        return new BuildState(identity, filesTotal, 0, 0, 0, itemsHeaderBytes, 0, 0);
    }

    BuildState advance(long newFilesDone, long newRows, int newDim, long newItemsBytes,
            long newSkippedBytes, long newSkipped) {
        return new BuildState(identity, filesTotal, newFilesDone, newRows, newDim, newItemsBytes,
                newSkippedBytes, newSkipped);
    }

    /** The manifest of the finished store. */
    StoreManifest finished(String created) {
        StoreManifest i = identity;
        return new StoreManifest(StoreManifest.FORMAT, created, i.fingerprint(), i.run(),
                i.parametersSha256(), i.input(), i.imagesFolder(), i.listingSha256(), rows, dim,
                i.classes() == null ? List.of() : i.classes(), skipped, i.ignored());
    }
}
