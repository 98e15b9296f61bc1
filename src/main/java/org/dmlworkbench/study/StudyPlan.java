package org.dmlworkbench.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dmlworkbench.training.TrainingConfig;

/**
 * The runs of a study in the order they execute: the grid of its factors, the first factor
 * outermost and the last innermost (so the seeds of one treatment run one after another).
 */
public final class StudyPlan {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._=,+-]");

    /**
     * One run of the grid.
     *
     * @param id stable identity, e.g. {@code activation=gelu,seed=1}
     * @param folder the run's folder name under {@code runs/} (the id with unsafe characters
     *     replaced)
     * @param levels factor name to level label, in factor order
     * @param args merged study arguments (base, each factor in order, then overrides)
     * @param trainArgs the same as {@code train} command-line arguments
     */
    public record PlannedRun(String id, String folder, Map<String, String> levels,
            Map<String, Object> args, List<String> trainArgs) {

        /** The treatment this run repeats: its levels without the seed, e.g. {@code activation=gelu}. */
        public String group() {
            String group = levels.entrySet().stream()
                    .filter(e -> !e.getKey().equals(StudySpec.SEED_FACTOR))
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            return group.isEmpty() ? "all" : group;
        }
    }

    private final StudySpec spec;
    private final Map<String, Object> overrides;
    private final List<PlannedRun> runs;

    private StudyPlan(StudySpec spec, Map<String, Object> overrides, List<PlannedRun> runs) {
        this.spec = spec;
        this.overrides = overrides;
        this.runs = runs;
    }

    /** Expands the grid; {@code overrides} (e.g. data, epochs) go over every run's arguments. */
    public static StudyPlan expand(StudySpec spec, Map<String, Object> overrides) {
        List<PlannedRun> runs = new ArrayList<>();
        expandFrom(spec, 0, new LinkedHashMap<>(), new ArrayList<>(), overrides, runs);
        Map<String, String> folders = new HashMap<>();
        for (PlannedRun run : runs) {
            String previous = folders.put(run.folder(), run.id());
            if (previous != null) {
                throw new IllegalArgumentException(spec.source() + ": runs '" + previous + "' and '"
                        + run.id() + "' would share the folder " + run.folder()
                        + "; make their labels differ in letters or digits");
            }
        }
        return new StudyPlan(spec, Map.copyOf(overrides), List.copyOf(runs));
    }

    private static void expandFrom(StudySpec spec, int factorIndex, Map<String, String> levels,
            List<StudySpec.Level> chosen, Map<String, Object> overrides, List<PlannedRun> out) {
        if (factorIndex == spec.factors().size()) {
            Map<String, Object> args = new LinkedHashMap<>();
            ArgumentList.merge(args, spec.base());
            chosen.forEach(level -> ArgumentList.merge(args, level.args()));
            ArgumentList.merge(args, overrides);
            String id = levels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            if (id.isEmpty()) {
                id = spec.name();
            }
            out.add(new PlannedRun(id, UNSAFE.matcher(id).replaceAll("_"),
                    Collections.unmodifiableMap(new LinkedHashMap<>(levels)),
                    Collections.unmodifiableMap(args), List.copyOf(ArgumentList.toTrainArgs(args))));
            return;
        }
        StudySpec.Factor factor = spec.factors().get(factorIndex);
        for (StudySpec.Level level : factor.levels()) {
            levels.put(factor.name(), level.label());
            chosen.add(level);
            expandFrom(spec, factorIndex + 1, levels, chosen, overrides, out);
            chosen.remove(chosen.size() - 1);
            levels.remove(factor.name());
        }
    }

    /**
     * Parses every run's arguments before anything trains, so a misspelt option fails at once.
     *
     * @param parser the {@code train} command's parser
     * @return each run's config, in run order
     * @throws IllegalArgumentException naming the study file, the run and the problem
     */
    public List<TrainingConfig> configs(Function<List<String>, TrainingConfig> parser) {
        List<TrainingConfig> configs = new ArrayList<>();
        for (PlannedRun run : runs) {
            try {
                configs.add(parser.apply(run.trainArgs()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(spec.source() + ": run " + run.id() + " ("
                        + String.join(" ", run.trainArgs()) + "): " + e.getMessage(), e);
            }
        }
        return configs;
    }

    public StudySpec spec() {
        return spec;
    }

    public Map<String, Object> overrides() {
        return overrides;
    }

    public List<PlannedRun> runs() {
        return runs;
    }

    /** The groups (treatments) in run order, each once. */
    public List<String> groups() {
        return runs.stream().map(PlannedRun::group).distinct().collect(Collectors.toList());
    }
}
