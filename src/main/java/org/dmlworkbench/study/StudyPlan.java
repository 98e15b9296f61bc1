package org.dmlworkbench.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dmlworkbench.config.TrainingConfig;

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

    /** {@code ${name}} in a string argument: a study variable the user gives ({@code study run --set}). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9._-]+)\\}");

    private final StudySpec spec;
    private final Map<String, Object> overrides;
    private final Map<String, String> variables;
    private final List<PlannedRun> runs;

    private StudyPlan(StudySpec spec, Map<String, Object> overrides, Map<String, String> variables,
            List<PlannedRun> runs) {
        this.spec = spec;
        this.overrides = overrides;
        this.variables = variables;
        this.runs = runs;
    }

    /** Expands the grid; {@code overrides} (e.g. data, epochs) go over every run's arguments. */
    public static StudyPlan expand(StudySpec spec, Map<String, Object> overrides) {
        return expand(spec, overrides, Map.of());
    }

    /**
     * Expands the grid, with {@code variables} replacing each {@code ${name}} in the study's string
     * arguments (e.g. a run folder to start from that differs per machine, given with
     * {@code study run --set name=value}).
     *
     * @throws IllegalArgumentException when a run uses a variable that is not given
     */
    public static StudyPlan expand(StudySpec spec, Map<String, Object> overrides,
            Map<String, String> variables) {
        List<PlannedRun> runs = new ArrayList<>();
        expandFrom(spec, 0, new LinkedHashMap<>(), new ArrayList<>(), overrides, variables, runs);
        Map<String, String> folders = new HashMap<>();
        for (PlannedRun run : runs) {
            String previous = folders.put(run.folder(), run.id());
            if (previous != null) {
                throw new IllegalArgumentException(spec.source() + ": runs '" + previous + "' and '"
                        + run.id() + "' would share the folder " + run.folder()
                        + "; make their labels differ in letters or digits");
            }
        }
        return new StudyPlan(spec, Map.copyOf(overrides), Map.copyOf(variables), List.copyOf(runs));
    }

    private static void expandFrom(StudySpec spec, int factorIndex, Map<String, String> levels,
            List<StudySpec.Level> chosen, Map<String, Object> overrides,
            Map<String, String> variables, List<PlannedRun> out) {
        if (factorIndex == spec.factors().size()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            ArgumentList.merge(merged, spec.base());
            chosen.forEach(level -> ArgumentList.merge(merged, level.args()));
            ArgumentList.merge(merged, overrides);
            String id = levels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            if (id.isEmpty()) {
                id = spec.name();
            }
            Map<String, Object> args = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : merged.entrySet()) {
                args.put(entry.getKey(), substitute(entry.getValue(), variables, spec, id,
                        entry.getKey()));
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
            expandFrom(spec, factorIndex + 1, levels, chosen, overrides, variables, out);
            chosen.remove(chosen.size() - 1);
            levels.remove(factor.name());
        }
    }

    /** {@code value} with every {@code ${name}} in its strings replaced by the variable's value. */
    private static Object substitute(Object value, Map<String, String> variables, StudySpec spec,
            String run, String option) {
        if (value instanceof String) {
            String text = (String) value;
            Matcher m = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String given = variables.get(m.group(1));
                if (given == null) {
                    throw new IllegalArgumentException(spec.source() + ": run " + run + " sets --"
                            + option + " to '" + text + "', which needs the study variable '"
                            + m.group(1) + "'; give it with: study run --set " + m.group(1)
                            + "=VALUE");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(given));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            for (Object item : (List<?>) value) {
                list.add(substitute(item, variables, spec, run, option));
            }
            return list;
        }
        if (value instanceof Map) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                map.put(entry.getKey(), substitute(entry.getValue(), variables, spec, run, option));
            }
            return map;
        }
        return value;
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

    /** The study variables given ({@code study run --set}), name to value. */
    public Map<String, String> variables() {
        return variables;
    }

    public List<PlannedRun> runs() {
        return runs;
    }

    /** The groups (treatments) in run order, each once. */
    public List<String> groups() {
        return runs.stream().map(PlannedRun::group).distinct().collect(Collectors.toList());
    }
}
