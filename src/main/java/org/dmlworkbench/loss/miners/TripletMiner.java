package org.dmlworkbench.loss.miners;

import static org.dmlworkbench.tensor.Scalars.gt;
import static org.dmlworkbench.tensor.Scalars.lt;
import static org.dmlworkbench.tensor.Scalars.lte;
import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dmlworkbench.loss.PairMasks;
import org.dmlworkbench.loss.distances.Distance;

/**
 * Selects triplets (anchor a, positive p, negative n) of a batch as one (Q, R, R) boolean mask.
 * With the separation {@code s = d(a,n) - d(a,p)} (how much farther the negative is; for a
 * similarity {@code S(a,p) - S(a,n)}) and the loss margin m, the modes follow
 * pytorch-metric-learning's {@code TripletMarginMiner}:
 * <ul>
 *   <li>{@link Mode#ALL}: every valid triplet;</li>
 *   <li>{@link Mode#SEMI_HARD}: {@code 0 < s < m}, the negative is farther than the positive but
 *   inside the margin (FaceNet, Schroff et al. 2015). All such negatives are kept, not one random
 *   negative per pair as in FaceNet;</li>
 *   <li>{@link Mode#HARD}: {@code s <= 0}, the negative is at least as close as the positive.</li>
 * </ul>
 * Mining reads detached values: it selects triplets, it is not differentiated.
 */
public final class TripletMiner {

    /** Which triplets to keep. */
    public enum Mode {
        ALL("all"), SEMI_HARD("semihard"), HARD("hard");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Parses "all", "semihard" (also "semi-hard", "semi_hard") or "hard". */
        public static Mode parse(String text) {
            String key = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            for (Mode mode : values()) {
                if (mode.label.equals(key)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown triplet mining '" + text
                    + "'; valid: " + Arrays.stream(values()).map(Mode::label)
                            .collect(Collectors.joining(", ")));
        }
    }

    private final Mode mode;
    private final double margin;

    public TripletMiner(Mode mode, double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("triplet margin must be a finite number >= 0, got "
                    + margin);
        }
        this.mode = mode;
        this.margin = margin;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * @param matrix (Q, R) values of {@code distance}
     * @param distance the measure that produced {@code matrix}
     * @param pairs the candidate pairs
     * @return (Q, R, R) boolean: [a, p, n] is a kept triplet
     */
    public NDArray mine(NDArray matrix, Distance distance, PairMasks pairs) {
        NDArray valid = pairs.tripletMask();
        if (mode == Mode.ALL) {
            return valid;
        }
        NDArray values = matrix.stopGradient();
        NDArray separation = distance.separation(values.expandDims(2), values.expandDims(1));
        if (mode == Mode.HARD) {
            return valid.logicalAnd(lte(separation, 0));
        }
        return valid.logicalAnd(gt(separation, 0)).logicalAnd(lt(separation, margin));
    }

    public String describe() {
        return mode.label();
    }
}
