package org.dmlworkbench.bench.cases;

import java.util.List;
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.Repeats;
import org.dmlworkbench.model.ModelSpec;

/** Training throughput in images/s of one model, input shape and loss ({@link TrainingSession}). */
public final class TrainingThroughputCase implements BenchCase {

    private final String label;
    private final ModelSpec model;
    private final int channels;
    private final int side;
    private final String loss;
    private final int batch;
    private final int stepsPerRepeat;
    private final int warmups;
    private final int repeats;

    /**
     * @param label the model's name in the table (e.g. "hybrid1 full-res")
     * @param stepsPerRepeat optimisation steps timed together as one measurement
     */
    public TrainingThroughputCase(String label, ModelSpec model, int channels, int side, String loss,
            int batch, int stepsPerRepeat, int warmups, int repeats) {
        this.label = label;
        this.model = model;
        this.channels = channels;
        this.side = side;
        this.loss = loss;
        this.batch = batch;
        this.stepsPerRepeat = stepsPerRepeat;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "train " + label + " " + SyntheticImages.shape(channels, side) + " " + loss;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        try (TrainingSession session = new TrainingSession(model, channels, side, loss, batch,
                context.device())) {
            double[] rates = Repeats.run(warmups, repeats, () -> session.imagesPerSecond(stepsPerRepeat));
            return List.of(new BenchResult(name(), size(batch, stepsPerRepeat, repeats),
                    BenchStats.of(rates), "images/s", ""));
        }
    }

    static String size(int batch, int steps, int repeats) {
        return String.format(Locale.ROOT, "batch %d, %d step%s x %d", batch, steps,
                steps == 1 ? "" : "s", repeats);
    }
}
