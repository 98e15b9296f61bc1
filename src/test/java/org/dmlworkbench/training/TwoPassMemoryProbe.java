package org.dmlworkbench.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;

/**
 * Not a unit test (too slow for the suite): one two-pass step of hybrid1 on a batch of random
 * 28x28 images, printing the process's peak resident memory. Arguments: batch, chunk (0 = one
 * ordinary pass), loss, images per class (default 4), steps (default 2). Run it in its own JVM, since peak RSS is per process:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.dmlworkbench.training.TwoPassMemoryProbe 4096 256 rsk}
 */
public final class TwoPassMemoryProbe {

    private TwoPassMemoryProbe() {}

    public static void main(String[] args) throws IOException {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        String lossName = args.length > 2 ? args[2] : "rsk";
        int perClass = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        EmbeddingLoss loss = LossFactory.create(lossName, null);
        Engine.getInstance().setRandomSeed(1);
        EmbeddingNet net = new EmbeddingNet(ModelSpec.preset("hybrid1"), 1, 0);
        System.out.println("before: " + peakRss());
        try (Model model = Model.newInstance("probe")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss))) {
                trainer.initialize(new Shape(2, 1, 28, 28));
                for (int round = 0; round < rounds; round++) {
                    try (NDManager scope = model.getNDManager().newSubManager()) {
                        NDArray images = scope.randomNormal(new Shape(batch, 1, 28, 28));
                        long[] labels = new long[batch];
                        for (int i = 0; i < batch; i++) {
                            labels[i] = i / perClass; // the paper samples 4 per class
                        }
                        BatchStep step = chunk > 0 ? new TwoPassStep(loss, chunk) : new StandardStep(loss);
                        long start = System.nanoTime();
                        float value = step.forwardBackward(new BatchStep.Batch(trainer, net, scope,
                                images, scope.create(labels), new int[batch]), 0, round + 1);
                        trainer.step();
                        System.out.printf("step %d: loss %.4f, %.1f s, peak RSS so far %s%n", round + 1,
                                value, (System.nanoTime() - start) / 1e9, peakRss());
                    }
                }
            }
        }
    }

    private static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM")).findFirst().orElse("VmHWM unknown")
                .replaceAll("\\s+", " ");
    }
}
