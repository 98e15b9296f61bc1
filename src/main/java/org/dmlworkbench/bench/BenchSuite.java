package org.dmlworkbench.bench;

import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.bench.cases.DecodeAugmentCase;
import org.dmlworkbench.bench.cases.AnnSearchCase;
import org.dmlworkbench.bench.cases.EvaluationCase;
import org.dmlworkbench.bench.cases.FashionGallery;
import org.dmlworkbench.bench.cases.InferenceThroughputCase;
import org.dmlworkbench.bench.cases.LossCostCase;
import org.dmlworkbench.bench.cases.MapTimeCase;
import org.dmlworkbench.bench.cases.PairedLossCase;
import org.dmlworkbench.bench.cases.QueryLatencyCase;
import org.dmlworkbench.bench.cases.RealLoopCase;
import org.dmlworkbench.bench.cases.StreamingEpochCase;
import org.dmlworkbench.bench.cases.SyntheticGallery;
import org.dmlworkbench.bench.cases.TrainingMemoryCase;
import org.dmlworkbench.bench.cases.TrainingThroughputCase;
import org.dmlworkbench.bench.cases.TsneQualityCase;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.search.HnswParameters;

/**
 * The cases of the full suite and of the quick smoke test (same cases, smaller sizes and fewer
 * repeats). The memory case comes first: the process RSS it reports then holds no leftovers of
 * the other cases.
 */
public final class BenchSuite {

    /** The training batch. */
    private static final int BATCH = 128;

    private BenchSuite() {}

    public static List<BenchCase> cases(boolean quick) {
        List<BenchCase> cases = new ArrayList<>();
        cases.add(quick ? new TrainingMemoryCase("sample", 2)
                : new TrainingMemoryCase("fashion-mnist", 3));
        // the real loop beside the isolated step, and the whole process beside PyTorch's
        cases.add(new RealLoopCase("sample", quick ? 3 : 15, false));
        if (!quick) {
            cases.add(new RealLoopCase("fashion-mnist", 30, true));
        }
        ModelSpec hybrid1 = ModelSpec.preset("hybrid1");
        ModelSpec fullResolution = hybrid1.withStagePooling("none");
        // batch, steps timed together, warm-ups, repeats; the quick run keeps batch 128 only for
        // the pair that compares ms+ce with ce, and times single small batches elsewhere
        int[] pair = quick ? new int[] {BATCH, 1, 1, 2} : new int[] {BATCH, 8, 2, 5};
        int[] small = quick ? new int[] {32, 1, 1, 1} : new int[] {BATCH, 8, 2, 5};
        int[] large = quick ? new int[] {8, 1, 0, 1} : new int[] {BATCH, 2, 1, 3};
        cases.add(new PairedLossCase("hybrid1", hybrid1, 1, 28, "ms+ce", "ce", pair[0], pair[1],
                pair[2], pair[3]));
        for (String loss : List.of("ms+ce", "ce")) {
            cases.add(new LossCostCase(loss, BATCH, 128, quick ? 10 : 50, 1, quick ? 3 : 5));
        }
        // the Recall@k surrogate at the batch size of the large-batch recipe (409 positives per
        // query with 10 classes): the rank terms, not the network, would dominate such a step
        cases.add(quick ? new LossCostCase("rsk", 512, 128, 1, 1, 2)
                : new LossCostCase("rsk", 4_096, 128, 1, 1, 3));
        cases.add(train("hybrid1-fullres", fullResolution, 1, 28, "ms+ce", large));
        cases.add(train("cnn", ModelSpec.preset("cnn"), 1, 28, "ms+ce", small));
        cases.add(train("resnet18", ModelSpec.preset("resnet18"), 1, 28, "ms+ce", large));
        cases.add(train("hybrid1", hybrid1, 3, 32, "ms+ce", small));
        cases.add(train("cnn", ModelSpec.preset("cnn"), 3, 32, "ms+ce", small));
        cases.add(train("resnet18", ModelSpec.preset("resnet18"), 3, 32, "ms+ce", large));
        // the photo pipeline: files decoded and augmented on loader threads; the full suite also
        // trains one epoch on a generated folder of 50,000 JPEGs (minutes to write and to train)
        cases.add(new DecodeAugmentCase(quick ? 128 : 2_000, 224, quick ? 1 : 3));
        if (!quick) {
            cases.add(new StreamingEpochCase(50_000, 64));
        }
        cases.add(new InferenceThroughputCase("hybrid1", hybrid1, 1, 28, quick ? 1_024 : 10_000, 1,
                quick ? 2 : 3));
        cases.add(new EvaluationCase(10_000, quick ? 0 : 1, quick ? 1 : 3));
        if (!quick) {
            cases.add(new EvaluationCase(60_000, 0, 2));
        }
        cases.add(new QueryLatencyCase(60_000, quick ? 5 : 20, quick ? 40 : 300));
        // galleries on disk: HNSW against exact search, in a fresh serving JVM
        List<Integer> efs = quick ? List.of(HnswParameters.DEFAULTS.efSearch())
                : List.of(50, 100, 200, 400);
        cases.add(quick ? new AnnSearchCase(new SyntheticGallery(20_000, 100), 100, 20, efs)
                : new AnnSearchCase(new SyntheticGallery(1_000_000, 1_000), 1_000, 200, efs));
        cases.add(quick ? new AnnSearchCase(new FashionGallery("sample", 2_500, 100), 100, 20, efs)
                : new AnnSearchCase(new FashionGallery("fashion-mnist", 100_000, 1_000), 1_000,
                        200, efs));
        cases.add(new MapTimeCase("pca", 2_000, 0, 1, 3));
        cases.add(new MapTimeCase("pca", 10_000, 0, 1, 3));
        if (quick) {
            cases.add(new MapTimeCase("tsne", 2_000, 300, 0, 1));
            cases.add(new TsneQualityCase(500, 500));
        } else {
            cases.add(new MapTimeCase("tsne", 2_000, 1000, 0, 1));
            cases.add(new MapTimeCase("tsne", 10_000, 1000, 0, 1));
            cases.add(new MapTimeCase("tsne", 100_000, 1000, 0, 1));
            cases.add(new TsneQualityCase(2_000, 1000));
        }
        return cases;
    }

    private static BenchCase train(String label, ModelSpec spec, int channels, int side, String loss,
            int[] plan) {
        return new TrainingThroughputCase(label, spec, channels, side, loss, plan[0], plan[1], plan[2],
                plan[3]);
    }

    /**
     * The cases whose name starts with one of {@code prefixes} (case-insensitive); all when the
     * list is empty.
     *
     * @throws IllegalArgumentException when a prefix selects nothing, listing the case names
     */
    public static List<BenchCase> select(List<BenchCase> cases, List<String> prefixes) {
        if (prefixes == null || prefixes.isEmpty()) {
            return cases;
        }
        List<BenchCase> chosen = new ArrayList<>();
        for (String prefix : prefixes) {
            String wanted = prefix.trim().toLowerCase(java.util.Locale.ROOT);
            boolean any = false;
            for (BenchCase c : cases) {
                if (c.name().toLowerCase(java.util.Locale.ROOT).startsWith(wanted)) {
                    any = true;
                    if (!chosen.contains(c)) {
                        chosen.add(c);
                    }
                }
            }
            if (!any) {
                List<String> names = cases.stream().map(BenchCase::name).toList();
                throw new IllegalArgumentException("--only '" + prefix + "' matches no case; cases: "
                        + String.join(", ", names));
            }
        }
        chosen.sort(java.util.Comparator.comparingInt(cases::indexOf));
        return chosen;
    }
}
