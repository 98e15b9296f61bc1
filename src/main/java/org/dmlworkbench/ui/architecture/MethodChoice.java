package org.dmlworkbench.ui.architecture;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmlworkbench.config.MethodRegistry;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingMethod;
import org.dmlworkbench.training.TrainingMethods;

/**
 * The training methods as the Architecture panel offers them. Names, titles, summaries and
 * default losses come from the methods themselves ({@link TrainingMethods}); this class only
 * says how the panel switches a config from one method to another.
 */
public final class MethodChoice {

    private MethodChoice() {}

    /** The methods' names, in the order the panel lists them. */
    public static List<String> keys() {
        return TrainingMethods.names();
    }

    public static String title(String key) {
        return TrainingMethods.byName(key).title();
    }

    /** One line on what the method does. */
    public static String summary(String key) {
        return TrainingMethods.byName(key).summary();
    }

    /** True when the method trains against a teacher run, which the panel then lets one pick. */
    public static boolean needsTeacherRun(String key) {
        return TrainingMethods.byName(key).needsTeacherRun();
    }

    /** How {@code config} trains, for a summary line: "metric learning", "Guided DML", ... */
    public static String describe(TrainingConfig config) {
        return TrainingMethods.byName(config.method()).describe(config);
    }

    /** The prefixes of every method's parameter keys ("metrix.", "guided.", ...), in method order. */
    static Set<String> parameterPrefixes() {
        Set<String> prefixes = new LinkedHashSet<>();
        for (TrainingMethod method : TrainingMethods.all()) {
            method.parameterKeys().stream().sorted()
                    .forEach(key -> prefixes.add(key.substring(0, key.indexOf('.') + 1)));
        }
        return prefixes;
    }

    /**
     * Checks that every key of {@code params} starts with one of the {@link #parameterPrefixes()}.
     *
     * @throws IllegalArgumentException naming the first unknown key and the prefixes keys start with
     */
    static void requireKnownParameters(Map<String, String> params) {
        Set<String> prefixes = parameterPrefixes();
        for (String key : params.keySet()) {
            if (prefixes.stream().noneMatch(key::startsWith)) {
                throw new IllegalArgumentException("unknown method parameter '" + key
                        + "'; keys start with " + MethodRegistry.orList(List.copyOf(prefixes)));
            }
        }
    }

    /**
     * {@code config} switched to the method {@code key}: its loss becomes that method's default
     * (the old one is only valid for the old method), settings of the old method that the new one
     * does not take are dropped, and two-pass chunks go off unless the new method takes them.
     *
     * @throws IllegalArgumentException when the method needs a teacher run and none is set
     */
    static TrainingConfig apply(String key, TrainingConfig config) {
        TrainingMethod method = TrainingMethods.byName(key);
        if (config.method().equals(method.name())) {
            return config;
        }
        if (method.needsTeacherRun() && (config.teacherRun() == null || config.teacherRun().isBlank())) {
            throw new IllegalArgumentException("choose the teacher run below first");
        }
        Map<String, String> kept = new java.util.TreeMap<>(config.methodParams());
        kept.keySet().retainAll(method.parameterKeys());
        try {
            method.validate(method.defaultLoss(), Map.of(), kept);
        } catch (IllegalArgumentException incomplete) {
            // what is left of the old settings does not stand on its own (metrix.form without
            // metrix.level): the method starts from its defaults
            kept.clear();
        }
        return config.toBuilder()
                .method(method.name(), config.teacherRun(), kept)
                .loss(method.defaultLoss(), Map.of())
                .chunkSize(method.takesChunks() ? config.chunkSize() : 0)
                .build();
    }
}
