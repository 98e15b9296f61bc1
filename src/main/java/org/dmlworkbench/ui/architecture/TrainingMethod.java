package org.dmlworkbench.ui.architecture;

import java.util.Map;
import java.util.Set;
import org.dmlworkbench.training.TrainingConfig;

/**
 * The three training methods as the Architecture panel offers them: a name, a one-line summary,
 * and the loss a config switched to the method gets, so that switching never leaves an invalid
 * config behind.
 */
public enum TrainingMethod {
    METRIC("metric", "Metric learning", TrainingConfig.defaultLoss("metric"),
            "A metric loss on the model's own embeddings (optionally two-pass chunks for huge batches)."),
    GUIDED("guided", "Guided DML (GEMINI master + student)", TrainingConfig.defaultLoss("guided"),
            "Trains a GEMINI master on class-pair triplets, then regresses the student onto the master's"
                    + " embeddings; set guided.master-epochs, guided.beta, guided.margin,"
                    + " guided.master-lr, guided.triplets below."),
    ASYMMETRIC("asymmetric", "Asymmetric (student of a teacher run)", TrainingConfig.defaultLoss("asymmetric"),
            "Trains this model as a student against the frozen embeddings of a finished teacher run;"
                    + " the loss is an asymmetric one (asym-contr+, asym-reg, rkd, ...).");

    /** Prefixes of the method parameters some part of training reads. */
    static final Set<String> PARAM_PREFIXES = Set.of("guided.", "metrix.", "asym.");

    private final String key;
    private final String title;
    private final String defaultLoss;
    private final String summary;

    TrainingMethod(String key, String title, String defaultLoss, String summary) {
        this.key = key;
        this.title = title;
        this.defaultLoss = defaultLoss;
        this.summary = summary;
    }

    /** As in {@link TrainingConfig#method()}. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** One line on what the method does. */
    public String summary() {
        return summary;
    }

    /** How {@code config} trains, for a summary line: "metric learning", "Guided DML", ... */
    public static String describe(TrainingConfig config) {
        switch (of(config.method())) {
            case GUIDED:
                return "Guided DML (GEMINI master, then the student)";
            case ASYMMETRIC:
                String teacher = config.teacherRun() == null ? "?"
                        : java.nio.file.Path.of(config.teacherRun()).getFileName().toString();
                return "asymmetric learning from teacher run " + teacher;
            default:
                return config.chunkSize() > 0 ? "metric learning in two passes of " + config.chunkSize()
                        : "metric learning";
        }
    }

    public static TrainingMethod of(String key) {
        for (TrainingMethod method : values()) {
            if (method.key.equals(key)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown method '" + key + "'; choose metric, guided or asymmetric");
    }

    /**
     * {@code config} switched to this method: its loss becomes this method's default (the old
     * one is only valid for the old method) and two-pass chunks, a metric-only feature, go off.
     *
     * @throws IllegalArgumentException when the method needs a teacher run and none is set
     */
    TrainingConfig applyTo(TrainingConfig config) {
        if (config.method().equals(key)) {
            return config;
        }
        if (this == ASYMMETRIC && (config.teacherRun() == null || config.teacherRun().isBlank())) {
            throw new IllegalArgumentException("choose the teacher run below first");
        }
        // settings of the old method mean nothing to this one (the config refuses them)
        Map<String, String> kept = new java.util.TreeMap<>(config.methodParams());
        kept.keySet().retainAll(TrainingConfig.methodParamNames(key));
        if (this == METRIC && !kept.containsKey("metrix.level")) {
            kept.clear();
        }
        return config.toBuilder()
                .method(key, config.teacherRun(), kept)
                .loss(defaultLoss, Map.of())
                .chunkSize(this == METRIC ? config.chunkSize() : 0)
                .build();
    }
}
