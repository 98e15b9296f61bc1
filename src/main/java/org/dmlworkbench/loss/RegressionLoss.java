package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;

/**
 * Reg: each student embedding regresses the teacher's embedding of the same image,
 * mean over the batch of 0.5 * ||s_i - t_i||^2 (the positive term of the authors' contrastive
 * loss applied to the image's own teacher vector).
 */
public final class RegressionLoss extends TeacherLoss {

    public RegressionLoss() {
        super("asym-reg");
    }

    @Override
    protected NDArray computeWithTeacher(NDArray student, NDArray teacher, NDArray labels) {
        return mul(student.sub(teacher).square().sum(new int[] {1}), 0.5).mean();
    }
}
