package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Picks the device a run asked for. */
public final class Devices {

    private Devices() {}

    /** "auto": the first GPU DJL sees, else the CPU; "gpu" fails clearly when there is none. */
    public static Device resolve(String name) {
        int gpus = Engine.getInstance().getGpuCount();
        switch (name) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu was asked for but DJL sees no"
                            + " CUDA GPU. The default build bundles the CPU engine; GPU needs the CUDA"
                            + " libtorch (see README, 'GPU'). Use --device cpu or auto.");
                }
                return Device.gpu();
            default:
                return gpus > 0 ? Device.gpu() : Device.cpu();
        }
    }

    /** "cpu" or "gpu(0)" style label, plus the engine. */
    public static String describe(Device device) {
        Engine engine = Engine.getInstance();
        return (device.isGpu() ? "GPU " + device.getDeviceId() : "CPU") + " (" + engine.getEngineName()
                + " " + engine.getVersion() + ")";
    }
}
