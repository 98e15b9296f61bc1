package org.dmlworkbench.bench.cases;

import java.util.List;
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.MemoryProbe;
import org.dmlworkbench.bench.Repeats;
import org.dmlworkbench.evaluation.RetrievalEvaluator;
import org.dmlworkbench.projection.SyntheticClusters;

/**
 * Evaluation time of {@link RetrievalEvaluator} with every metric (P@1, Recall@1/2/4/8,
 * R-Precision, MAP@R, F1, NMI/AMI by k-means), each item querying all the others, on seeded
 * Gaussian clusters; plus the peak heap and RSS the evaluation added over what was there before.
 */
public final class EvaluationCase implements BenchCase {

    private static final int DIM = 128;
    private static final int CLASSES = 10;

    private final int count;
    private final int warmups;
    private final int repeats;

    public EvaluationCase(int count, int warmups, int repeats) {
        this.count = count;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "eval " + SizeLabel.of(count);
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        SyntheticClusters data = SyntheticClusters.generate(count, DIM, CLASSES, 1.0, 3);
        RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options.defaults());
        long[] extraHeap = new long[1];
        long[] extraRss = new long[1];
        double[] seconds = Repeats.run(warmups, repeats, () -> {
            try (MemoryProbe.PeakSampler memory = new MemoryProbe.PeakSampler()) {
                double taken = Repeats.seconds(() -> evaluator.evaluate(data.embeddings(), data.labels()));
                memory.close();
                extraHeap[0] = Math.max(extraHeap[0], memory.extraHeapBytes());
                extraRss[0] = Math.max(extraRss[0], memory.extraRssBytes());
                return taken;
            }
        });
        String size = String.format(Locale.ROOT, "%,d x %d-d, %d classes", count, DIM, CLASSES);
        return List.of(
                new BenchResult(name() + " time", size, BenchStats.of(seconds), "s", "all metrics"),
                new BenchResult(name() + " extra heap", size,
                        BenchStats.single(MemoryProbe.mib(extraHeap[0])), "MiB",
                        "peak over the runs, uncollected garbage included"),
                new BenchResult(name() + " extra RSS", size,
                        BenchStats.single(MemoryProbe.mib(extraRss[0])), "MiB",
                        "peak over the runs, native (libtorch) memory included"));
    }
}
