package org.dmlworkbench.cli;

/** Keeps library chatter (DJL's native extraction, CUDA probing) off the user's terminal. */
final class Logging {

    private Logging() {}

    static void quietLibraries() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // On a machine without a usable CUDA driver DJL warns on every GPU probe.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
