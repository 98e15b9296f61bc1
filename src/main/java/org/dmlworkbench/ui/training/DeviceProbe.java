package org.dmlworkbench.ui.training;

import java.util.function.Consumer;
import javafx.application.Platform;
import org.dmlworkbench.training.Devices;
import org.dmlworkbench.ui.UiErrors;

/** Finds, in the background, the device "auto" trains on (this loads the engine once). */
final class DeviceProbe {

    private DeviceProbe() {}

    /** Calls {@code onFound} on the JavaFX thread with e.g. "CPU (PyTorch 2.7.1)". */
    static void describeAuto(Consumer<String> onFound) {
        Thread probe = new Thread(() -> {
            String text;
            try {
                text = Devices.describe(Devices.resolve("auto"));
            } catch (RuntimeException | LinkageError e) {
                text = "unknown (" + UiErrors.describe(e) + ")";
            }
            String found = text;
            Platform.runLater(() -> onFound.accept(found));
        }, "workbench-device-probe");
        probe.setDaemon(true);
        probe.start();
    }
}
