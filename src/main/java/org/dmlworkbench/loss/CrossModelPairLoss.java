package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pair loss scored across the two spaces: each student embedding is a query and the teacher's
 * embeddings of the same batch are its references ({@link PairLoss#computeAcross}). The formula
 * is the pair loss's own, so asymmetric Multi-Similarity or triplet is the loss package's
 * Multi-Similarity or triplet on the student-teacher matrix, not a second copy of it.
 */
final class CrossModelPairLoss extends TeacherLoss {

    private final PairLoss loss;

    CrossModelPairLoss(String name, PairLoss loss) {
        super(name);
        this.loss = loss;
    }

    @Override
    protected NDArray computeWithTeacher(NDArray student, NDArray teacher, NDArray labels) {
        return loss.computeAcross(student, teacher, labels);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>(loss.describe());
        settings.put("pairs", "student queries against the teacher's vectors of the batch; an"
                + " image's own teacher vector is neither positive nor negative of its query");
        return settings;
    }
}
