package org.dmlworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MemoryProbeTest {

    private static final String STATUS = "Name:\tjava\nVmPeak:\t 5000 kB\nVmHWM:\t  2048 kB\n"
            + "VmRSS:\t    1024 kB\nThreads:\t12\n";

    @Test
    void parsesKilobyteFieldsOfProcStatus() {
        assertEquals(OptionalLong.of(1024L * 1024), MemoryProbe.parseKilobytes(STATUS, "VmRSS:"));
        assertEquals(OptionalLong.of(2048L * 1024), MemoryProbe.parseKilobytes(STATUS, "VmHWM:"));
        assertEquals(OptionalLong.empty(), MemoryProbe.parseKilobytes(STATUS, "VmSwap:"));
    }

    @Test
    void readsThisProcessWhereProcExists() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")),
                "no /proc/self/status on this system");
        long rss = MemoryProbe.residentBytes().orElseThrow();
        assertTrue(rss > 1 << 20, "a JVM holds more than 1 MiB: " + rss);
        assertTrue(MemoryProbe.peakResidentBytes().orElseThrow() >= rss);
    }

    @Test
    void samplerSeesHeapItHolds() throws Exception {
        byte[][] held;
        long extra;
        try (MemoryProbe.PeakSampler sampler = new MemoryProbe.PeakSampler()) {
            held = new byte[64][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[1 << 20];
                held[i][i] = 1;
            }
            Thread.sleep(50);
            sampler.close();
            extra = sampler.extraHeapBytes();
        }
        assertTrue(held[63][63] == 1);
        assertTrue(extra >= 60L << 20, "64 MiB were allocated, sampler saw " + extra);
    }

    @Test
    void cpuModelComesFromTheFirstModelNameLine() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: X\nmodel name\t: Test CPU @ 2.00GHz\n\n"
                + "processor\t: 1\nmodel name\t: Test CPU @ 2.00GHz\n";
        assertEquals("Test CPU @ 2.00GHz", MachineInfo.parseCpuModel(cpuinfo));
        assertEquals("unknown", MachineInfo.parseCpuModel("processor : 0\n"));
    }
}
