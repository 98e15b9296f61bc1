package org.dmlworkbench.bench;

import ai.djl.Device;
import java.io.PrintStream;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;

/**
 * What every case is given: the device, where to print what it sees while it runs (per-epoch
 * RSS, progress), a scratch folder, and how to load a named data set.
 *
 * @param quick the smoke-test run: small sizes and few repeats
 * @param scratch a folder the case may write into; the runner deletes it afterwards
 */
public record BenchContext(boolean quick, Device device, PrintStream log, Path scratch,
        DatasetLoader datasets) {

    /** Loads a named data set ("sample", "fashion-mnist") without downloading. */
    @FunctionalInterface
    public interface DatasetLoader {
        Dataset load(String name) throws Exception;
    }

    /** The device's name as the training config spells it. */
    public String deviceName() {
        return device.isGpu() ? "gpu" : "cpu";
    }
}
