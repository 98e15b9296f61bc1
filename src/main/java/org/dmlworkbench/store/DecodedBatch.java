package org.dmlworkbench.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch of listed images [from, to) decoded for the model: the normalised inputs of the
 * images that could be read, in listing order, and a reason for each that could not.
 */
record DecodedBatch(int from, int to, float[] inputs, int count, int[] labels, String[] classNames,
        String[] paths, List<Problem> problems) {

    record Problem(String path, String reason) {}

    /** What one decoding thread made of a slice of the batch. */
    static final class Part {
        final int from;
        final float[][] inputs;
        final String[] reasons;

        Part(int from, int to) {
            this.from = from;
            this.inputs = new float[to - from][];
            this.reasons = new String[to - from];
        }

        void accept(int index, float[] input) {
            inputs[index - from] = input;
        }

        void fail(int index, String reason) {
            reasons[index - from] = reason;
        }
    }

    static DecodedBatch join(int from, int to, int imageBytes, List<Part> parts, FolderListing listing) {
        int ok = 0;
        for (Part part : parts) {
            for (float[] input : part.inputs) {
                ok += input == null ? 0 : 1;
            }
        }
        float[] inputs = new float[ok * imageBytes];
        int[] labels = new int[ok];
        String[] classNames = new String[ok];
        String[] paths = new String[ok];
        List<Problem> problems = new ArrayList<>();
        int row = 0;
        for (Part part : parts) {
            for (int j = 0; j < part.inputs.length; j++) {
                int index = part.from + j;
                String path = listing.paths().get(index);
                if (part.inputs[j] == null) {
                    problems.add(new Problem(path, part.reasons[j]));
                    continue;
                }
                System.arraycopy(part.inputs[j], 0, inputs, row * imageBytes, imageBytes);
                int label = listing.labels()[index];
                labels[row] = label;
                classNames[row] = label >= 0 ? listing.classes().get(label) : "";
                paths[row] = path;
                row++;
            }
        }
        return new DecodedBatch(from, to, inputs, ok, labels, classNames, paths, problems);
    }
}
