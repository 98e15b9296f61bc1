package org.dmlworkbench.bench.cases;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import org.dmlworkbench.model.ModelSpec;

/**
 * The isolated hybrid1 step alone, for comparing engine and JVM settings run against run
 * (docs/BENCHMARKS.md, "Where the time goes"): 20 warm-up steps, then three timings of
 * {@code STEPS} steps; with a third argument, 20 more steps under libtorch's profiler, written as
 * a Chrome trace to that file (the same format {@code torch.profiler} writes for the peer).
 *
 * <pre>java -cp target/dml-workbench.jar org.dmlworkbench.bench.cases.StepProbe [LOSS [STEPS [TRACE.json]]]</pre>
 */
public final class StepProbe {

    private StepProbe() {}

    public static void main(String[] args) {
        String loss = args.length > 0 ? args[0] : "ms+ce";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String trace = args.length > 2 ? args[2] : null;
        Engine.getInstance();
        System.out.printf(Locale.ROOT, "engine threads: %d intra-op, %d inter-op%n",
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
        try (TrainingSession session = new TrainingSession(ModelSpec.preset("hybrid1"), 1, 28, loss,
                128, Device.cpu())) {
            session.imagesPerSecond(20);
            for (int repeat = 0; repeat < 3; repeat++) {
                System.out.printf(Locale.ROOT, "%s: %.0f images/s%n", loss, session.imagesPerSecond(steps));
            }
            if (trace != null) {
                JniUtils.startProfile(false, false, false);
                session.imagesPerSecond(20);
                JniUtils.stopProfile(trace);
                System.out.println("wrote " + trace);
            }
        }
    }
}
