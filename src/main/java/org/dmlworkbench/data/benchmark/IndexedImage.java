package org.dmlworkbench.data.benchmark;

import java.nio.file.Path;

/**
 * One image a benchmark's index names, before anything is decoded.
 *
 * @param file where the image should be
 * @param namedBy where the index names it, for errors: "images.txt line 12" or
 *     "cars_annos.mat annotation 12"
 * @param classId the benchmark's own class id; classes are listed in id order
 * @param className the readable class name the Dataset shows
 * @param part the split the benchmark's standard protocol puts it in
 */
record IndexedImage(Path file, String namedBy, long classId, String className, Part part) {

    /** The parts of a benchmark's standard split. */
    enum Part {
        TRAIN,
        /** The test images; with a gallery, the queries. */
        TEST,
        GALLERY
    }
}
