package org.dmlworkbench.bench.cases;

import java.util.List;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.model.ModelSpec;

/**
 * Training throughput of one model with two losses (ms+ce and ce), measured in alternation: on a
 * machine other work shares, a slow spell then hits both losses alike instead of whichever ran
 * during it, so their ratio (the cost of Multi-Similarity loss and its miner) stays meaningful.
 * Each repeat times the first loss and then the second over the same number of steps.
 */
public final class PairedLossCase implements BenchCase {

    private final String label;
    private final ModelSpec model;
    private final int channels;
    private final int side;
    private final String first;
    private final String second;
    private final int batch;
    private final int stepsPerRepeat;
    private final int warmups;
    private final int repeats;

    public PairedLossCase(String label, ModelSpec model, int channels, int side, String first,
            String second, int batch, int stepsPerRepeat, int warmups, int repeats) {
        this.label = label;
        this.model = model;
        this.channels = channels;
        this.side = side;
        this.first = first;
        this.second = second;
        this.batch = batch;
        this.stepsPerRepeat = stepsPerRepeat;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "train " + label + " " + SyntheticImages.shape(channels, side) + " " + first
                + " vs " + second;
    }

    private String rowName(String loss) {
        return "train " + label + " " + SyntheticImages.shape(channels, side) + " " + loss;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        try (TrainingSession a = new TrainingSession(model, channels, side, first, batch,
                context.device());
                TrainingSession b = new TrainingSession(model, channels, side, second, batch,
                        context.device())) {
            for (int i = 0; i < warmups; i++) {
                a.imagesPerSecond(stepsPerRepeat);
                b.imagesPerSecond(stepsPerRepeat);
            }
            double[] rateA = new double[repeats];
            double[] rateB = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                rateA[i] = a.imagesPerSecond(stepsPerRepeat);
                rateB[i] = b.imagesPerSecond(stepsPerRepeat);
            }
            String size = TrainingThroughputCase.size(batch, stepsPerRepeat, repeats);
            String note = "measured in alternation with " + second;
            return List.of(
                    new BenchResult(rowName(first), size, BenchStats.of(rateA), "images/s", note),
                    new BenchResult(rowName(second), size, BenchStats.of(rateB), "images/s",
                            "measured in alternation with " + first));
        }
    }
}
