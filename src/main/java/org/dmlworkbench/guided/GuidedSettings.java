package org.dmlworkbench.guided;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of {@code --method guided}, read from {@code --method-param guided.KEY=VALUE}.
 * Defaults follow Gonzalez-Zapata et al. and their code for MNIST and Fashion-MNIST.
 *
 * @param masterEpochs epochs of the GEMINI master (each epoch: one batch per ordered class pair)
 * @param beta weight of the local term of Eq. 5 (the global term gets 1 - beta)
 * @param margin m of Eq. 5
 * @param masterLearningRate plain SGD learning rate of the master
 * @param triplets triplets per master batch (fewer when a class is too small)
 * @param constraints CSV of one point per class for Eq. 6, or null for Eq. 5
 * @param masterDir where the master is (or will be) saved; set by {@link GuidedPipeline} to
 *     RUN/master, or given to reuse a master trained before
 */
public record GuidedSettings(int masterEpochs, double beta, double margin, double masterLearningRate,
        int triplets, Path constraints, Path masterDir) {

    public static final String PREFIX = "guided.";
    public static final String MASTER_DIR = "guided.master-dir";
    public static final Set<String> KEYS = Set.of("guided.master-epochs", "guided.beta",
            "guided.margin", "guided.master-lr", "guided.triplets", "guided.constraints", MASTER_DIR);

    public GuidedSettings {
        if (masterEpochs < 1) {
            throw new IllegalArgumentException("guided.master-epochs must be >= 1, got " + masterEpochs);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("guided.beta must be in [0, 1], got " + beta);
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("guided.margin must be >= 0, got " + margin);
        }
        if (!(masterLearningRate > 0) || !Double.isFinite(masterLearningRate)) {
            throw new IllegalArgumentException("guided.master-lr must be > 0, got " + masterLearningRate);
        }
        if (triplets < 1) {
            throw new IllegalArgumentException("guided.triplets must be >= 1, got " + triplets);
        }
    }

    /**
     * @throws IllegalArgumentException naming an unknown key (with the valid ones) or a bad value
     */
    public static GuidedSettings from(Map<String, String> methodParams) {
        Map<String, String> given = new LinkedHashMap<>();
        methodParams.forEach((key, value) -> {
            String k = key.trim().toLowerCase(Locale.ROOT);
            if (k.startsWith(PREFIX)) {
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException("unknown method parameter '" + key
                            + "'; the guided method takes " + String.join(", ", new java.util.TreeSet<>(KEYS)));
                }
                given.put(k, value == null ? "" : value.trim());
            }
        });
        String constraints = given.get("guided.constraints");
        String masterDir = given.get(MASTER_DIR);
        return new GuidedSettings(
                integer(given, "guided.master-epochs", 10),
                number(given, "guided.beta", 0.005),
                number(given, "guided.margin", 3.0),
                number(given, "guided.master-lr", 0.001),
                integer(given, "guided.triplets", 32),
                constraints == null || constraints.isEmpty() ? null : Path.of(constraints),
                masterDir == null || masterDir.isEmpty() ? null : Path.of(masterDir));
    }

    /** The effective settings, for the run's config. */
    public Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("master", "GEMINI: one conv stream per class + shared FC head (Gonzalez-Zapata et al.)");
        settings.put("masterLoss", constraints == null
                ? "Eq. 5: beta*d(f_k(a),f_k(p)) + (1-beta)*[d(g(a),g(p)) + m - d(g(a),g(n))]_+"
                : "Eq. 6: the negative's g(n) replaced by its class's constraint point");
        settings.put("guided.master-epochs", masterEpochs);
        settings.put("guided.beta", beta);
        settings.put("guided.margin", margin);
        settings.put("guided.master-lr", masterLearningRate);
        settings.put("guided.triplets", triplets);
        settings.put("guided.constraints", constraints == null ? "none (Eq. 5)" : constraints.toString());
        settings.put("student", "mean L2 distance to the master's embedding of each training image");
        settings.put("needsClassifier", false);
        return settings;
    }

    private static int integer(Map<String, String> given, String key, int fallback) {
        String text = given.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'");
        }
    }

    private static double number(Map<String, String> given, String key, double fallback) {
        String text = given.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + text + "'");
        }
    }
}
