package org.dmlworkbench.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The machine a bench ran on, so its figures can be compared with another machine's. */
public final class MachineInfo {

    private MachineInfo() {}

    /** CPU model, cores, RAM, OS, JVM, DJL and engine versions, device; in print order. */
    public static Map<String, String> describe(String device) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("cpu", cpuModel());
        info.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        OptionalLong ram = totalRamBytes();
        info.put("ram", ram.isPresent() ? String.format(java.util.Locale.ROOT, "%.1f GiB",
                ram.getAsLong() / (1024.0 * 1024 * 1024)) : "unknown");
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        info.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " (max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)");
        info.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        info.put("engine", engine.getEngineName() + " " + engine.getVersion());
        info.put("engine threads", engineThreads());
        info.put("device", device);
        return info;
    }

    /**
     * PyTorch's intra-op thread count. The engine is a runtime dependency only, so it is asked
     * through reflection; "unknown" for another engine.
     */
    static String engineThreads() {
        try {
            Object threads = Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod("getNumThreads")
                    .invoke(null);
            return threads + " intra-op";
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            return parseCpuModel(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("os.arch") + " (no /proc/cpuinfo)";
        }
    }

    /** The first "model name" line of a /proc/cpuinfo text; package-private for tests. */
    static String parseCpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                int colon = line.indexOf(':');
                return colon < 0 ? line.trim() : line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    private static OptionalLong totalRamBytes() {
        try {
            return MemoryProbe.parseKilobytes(Files.readString(Path.of("/proc/meminfo")), "MemTotal:");
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }
}
