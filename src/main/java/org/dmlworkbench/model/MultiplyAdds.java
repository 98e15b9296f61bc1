package org.dmlworkbench.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.OptionalLong;

/**
 * Multiply-adds (MACs) per image of a network, counted over its block tree: a convolution costs
 * (output positions) x (filters) x (input channels / groups) x (kernel area); a linear layer
 * (inputs x units) per output row; an involution its kernel generator plus one multiply-add per
 * channel, output pixel and kernel tap; the attention block its convolutions plus its matrix
 * products. Biases, batch norms, activations, pooling, softmax and element-wise products and
 * sums are not counted: they are a few percent at most and tools disagree on them (the usual
 * "4.1 GMACs" of ResNet-50 counts convolutions and the linear layer only).
 */
public final class MultiplyAdds {

    /** A block that counts its own multiply-adds (custom blocks whose children are not a chain). */
    public interface Counted {
        /**
         * @param input the block's input shape, batch of one
         */
        long multiplyAdds(Shape input);
    }

    private MultiplyAdds() {}

    /**
     * @param input the block's input shape with a batch of one
     * @throws UnsupportedOperationException for a block whose cost is not known (an imported
     *     TorchScript backbone)
     */
    public static long of(Block block, Shape input) {
        if (block instanceof Counted counted) {
            return counted.multiplyAdds(input);
        }
        if (block instanceof Convolution conv) {
            return convolution(conv, input);
        }
        if (block instanceof Linear) {
            Shape out = block.getOutputShapes(new Shape[] {input})[0];
            return out.size() / out.get(0) * input.get(input.dimension() - 1);
        }
        if (block instanceof SequentialBlock) {
            long total = 0;
            Shape shape = input;
            for (Block child : block.getChildren().values()) {
                total += of(child, shape);
                shape = child.getOutputShapes(new Shape[] {shape})[0];
            }
            return total;
        }
        if (block instanceof ParallelBlock) {
            long total = 0;
            for (Block branch : block.getChildren().values()) {
                total += of(branch, input);
            }
            return total;
        }
        if (block instanceof BatchNorm || block instanceof LambdaBlock) {
            return 0;
        }
        throw new UnsupportedOperationException("multiply-adds of " + block.getClass().getSimpleName()
                + " are not known");
    }

    /** The network's multiply-adds per image, or empty when a part's cost is not known. */
    public static OptionalLong ofNetwork(EmbeddingNet net, Shape input) {
        try {
            return OptionalLong.of(net.multiplyAdds(input));
        } catch (UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    /** A convolution's multiply-adds for one image of shape {@code input} (1, C, spatial...). */
    static long convolution(Convolution conv, Shape input) {
        Shape out = conv.getOutputShapes(new Shape[] {input})[0];
        long positions = out.slice(2).size();
        long perOutput = input.get(1) / conv.getGroups() * conv.getKernelShape().size();
        return positions * conv.getFilters() * perOutput;
    }
}
