package org.dmlworkbench.model;

/**
 * Hyper-parameters of an involution layer. Defaults follow the common Keras involution layer the
 * involution paper most likely used (K=3, one group, reduction ratio 2, stride 1).
 */
public record InvolutionSpec(int kernelSize, int stride, int groups, int reductionRatio) {

    public static final InvolutionSpec DEFAULT = new InvolutionSpec(3, 1, 1, 2);

    public InvolutionSpec {
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("involution kernel size must be odd, got " + kernelSize);
        }
        if (stride < 1 || groups < 1 || reductionRatio < 1) {
            throw new IllegalArgumentException("involution stride, groups and reduction ratio must be"
                    + " >= 1, got " + stride + ", " + groups + ", " + reductionRatio);
        }
    }
}
