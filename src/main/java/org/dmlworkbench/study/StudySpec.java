package org.dmlworkbench.study;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dmlworkbench.io.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A study file: a named grid of {@code train} runs. Keys of {@code base} and of variant
 * {@code args} are {@code train} long option names without {@code --}; see
 * {@link StudyPlan} for how they become a run's arguments.
 *
 * @param paper the paper's own numbers, variant label (or group label) to metric to value,
 *     printed beside ours in the report; empty when the study has none
 */
public record StudySpec(String source, String name, String title, String description,
        Map<String, Object> base, List<Factor> factors, List<String> metrics,
        Map<String, Map<String, Double>> paper) {

    /** The factor whose levels are repeats, not treatments: groups are formed without it. */
    public static final String SEED_FACTOR = "seed";

    public static final List<String> DEFAULT_METRICS =
            List.of("precision_at_1", "r_precision", "map_at_r", "nmi");

    /** Every metric a run's eval.json reports, by the names a study file may use. */
    public static final List<String> KNOWN_METRICS = knownMetrics();

    private static List<String> knownMetrics() {
        List<String> names = new ArrayList<>(List.of("precision_at_1", "r_precision", "map_at_r",
                "nmi", "ami", "f1"));
        for (int k : org.dmlworkbench.evaluation.RetrievalEvaluator.Options.defaults().ks()) {
            names.add("recall_at_k." + k);
        }
        return List.copyOf(names);
    }

    /** Options a study cannot set per run: the runner chooses the folders, the command the data. */
    static final Set<String> RESERVED_OPTIONS = Set.of("out", "resume", "data-dir", "offline",
            "skip-bad", "help", "version");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> KEYS = Set.of("name", "title", "description", "base",
            "factors", "metrics", "paper");

    /** One axis of the grid: its levels in the order they run. */
    public record Factor(String name, List<Level> levels) {}

    /** One value of a factor: its label (used in run ids) and the options it sets. */
    public record Level(String label, Map<String, Object> args) {}

    public StudySpec {
        base = Collections.unmodifiableMap(new LinkedHashMap<>(base));
        factors = List.copyOf(factors);
        metrics = List.copyOf(metrics);
        paper = Collections.unmodifiableMap(new LinkedHashMap<>(paper));
    }

    /** Reads a {@code .json}, {@code .yaml} or {@code .yml} study file. */
    public static StudySpec read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("study file " + file + " does not exist");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String lower = file.getFileName().toString().toLowerCase();
        return parse(text, file.toString(), lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }

    /** Parses study text; {@code source} names it in error messages. */
    public static StudySpec parse(String text, String source, boolean yaml) throws StudyFormatException {
        Object root;
        try {
            root = yaml ? new Yaml(new SafeConstructor(new LoaderOptions())).load(text)
                    : Json.gson().fromJson(text, Object.class);
        } catch (JsonParseException | YAMLException e) {
            throw new StudyFormatException(source, "is not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getMessage(), e);
        }
        if (!(root instanceof Map)) {
            throw new StudyFormatException(source, "", "must hold one object with 'name', 'base' and"
                    + " 'factors'");
        }
        return new Reader(source).study(asMap(root));
    }

    /** All run arguments set anywhere in the study, for checks. */
    public Set<String> optionNames() {
        Set<String> names = new HashSet<>(base.keySet());
        for (Factor factor : factors) {
            for (Level level : factor.levels()) {
                names.addAll(level.args().keySet());
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** Validation with the file's name at hand. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        StudySpec study(Map<String, Object> root) throws StudyFormatException {
            for (String key : root.keySet()) {
                if (!KEYS.contains(key)) {
                    throw new StudyFormatException(source, key, "is not a study key; use " + KEYS);
                }
            }
            String name = string(root, "name", true);
            if (!NAME.matcher(name).matches()) {
                throw new StudyFormatException(source, "name", "must be letters, digits, '.', '_'"
                        + " or '-' (it names folders), not '" + name + "'");
            }
            String title = root.containsKey("title") ? string(root, "title", false) : name;
            String description = root.containsKey("description") ? string(root, "description", false) : "";
            Map<String, Object> base = root.containsKey("base")
                    ? args(root.get("base"), "base") : Map.of();
            List<Factor> factors = factors(root.get("factors"));
            List<String> metrics = metrics(root.get("metrics"));
            Map<String, Map<String, Double>> paper = paper(root.get("paper"));
            return new StudySpec(source, name, title, description, base, factors, metrics, paper);
        }

        private String string(Map<String, Object> map, String key, boolean required)
                throws StudyFormatException {
            return string(map, key, required, "");
        }

        private String string(Map<String, Object> map, String key, boolean required, String where)
                throws StudyFormatException {
            Object value = map.get(key);
            String path = where.isEmpty() ? key : where + "." + key;
            if (value == null) {
                if (required) {
                    throw new StudyFormatException(source, path, "is missing");
                }
                return "";
            }
            if (!(value instanceof String) || ((String) value).isBlank()) {
                throw new StudyFormatException(source, path, "must be a non-empty string");
            }
            return (String) value;
        }

        private List<Factor> factors(Object value) throws StudyFormatException {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List)) {
                throw new StudyFormatException(source, "factors", "must be a list of"
                        + " {\"name\": ..., \"values\": [...]} or {\"name\": ..., \"variants\": [...]}");
            }
            List<Factor> factors = new ArrayList<>();
            Set<String> names = new HashSet<>();
            int index = 0;
            for (Object item : (List<?>) value) {
                String where = "factors[" + index++ + "]";
                if (!(item instanceof Map)) {
                    throw new StudyFormatException(source, where, "must be an object");
                }
                Factor factor = factor(asMap(item), where);
                if (!names.add(factor.name())) {
                    throw new StudyFormatException(source, where, "repeats the factor name '"
                            + factor.name() + "'");
                }
                factors.add(factor);
            }
            return factors;
        }

        private Factor factor(Map<String, Object> map, String where) throws StudyFormatException {
            for (String key : map.keySet()) {
                if (!Set.of("name", "values", "variants").contains(key)) {
                    throw new StudyFormatException(source, where + "." + key, "is not a factor key;"
                            + " use name, values or variants");
                }
            }
            String name = string(map, "name", true, where);
            boolean hasValues = map.containsKey("values");
            if (hasValues == map.containsKey("variants")) {
                throw new StudyFormatException(source, where, "needs exactly one of 'values' (sets"
                        + " the option '" + name + "') or 'variants' (labelled argument sets)");
            }
            Object list = map.get(hasValues ? "values" : "variants");
            String listKey = where + "." + (hasValues ? "values" : "variants");
            if (!(list instanceof List) || ((List<?>) list).isEmpty()) {
                throw new StudyFormatException(source, listKey, "must be a non-empty list");
            }
            if (hasValues) {
                checkOption(name, where + ".name");
            }
            List<Level> levels = new ArrayList<>();
            Set<String> labels = new HashSet<>();
            int index = 0;
            for (Object item : (List<?>) list) {
                String itemKey = listKey + "[" + index++ + "]";
                Level level = hasValues ? valueLevel(name, item, itemKey) : variantLevel(item, itemKey);
                if (!labels.add(level.label())) {
                    throw new StudyFormatException(source, itemKey, "repeats the label '"
                            + level.label() + "'");
                }
                levels.add(level);
            }
            return new Factor(name, levels);
        }

        private Level valueLevel(String option, Object value, String key) throws StudyFormatException {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new StudyFormatException(source, key, "must be a string, number or boolean");
            }
            Map<String, Object> args = new LinkedHashMap<>();
            args.put(option, value);
            return new Level(ArgumentList.text(value), args);
        }

        private Level variantLevel(Object item, String key) throws StudyFormatException {
            if (!(item instanceof Map)) {
                throw new StudyFormatException(source, key, "must be an object {\"label\": ...,"
                        + " \"args\": {...}}");
            }
            Map<String, Object> map = asMap(item);
            for (String k : map.keySet()) {
                if (!k.equals("label") && !k.equals("args")) {
                    throw new StudyFormatException(source, key + "." + k, "is not a variant key;"
                            + " use label and args");
                }
            }
            String label = string(map, "label", true, key);
            return new Level(label, args(map.get("args"), key + ".args"));
        }

        private Map<String, Object> args(Object value, String key) throws StudyFormatException {
            if (!(value instanceof Map)) {
                throw new StudyFormatException(source, key, "must be an object of train options,"
                        + " e.g. {\"model\": \"hybrid1\", \"epochs\": 3}");
            }
            Map<String, Object> args = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : asMap(value).entrySet()) {
                String option = entry.getKey();
                String where = key + "." + option;
                checkOption(option, where);
                Object v = entry.getValue();
                if (v instanceof Map) {
                    for (Object inner : ((Map<?, ?>) v).values()) {
                        if (!(inner instanceof String || inner instanceof Number || inner instanceof Boolean)) {
                            throw new StudyFormatException(source, where, "must map each KEY to a"
                                    + " string, number or boolean value");
                        }
                    }
                } else if (v instanceof List) {
                    for (Object inner : (List<?>) v) {
                        if (!(inner instanceof String || inner instanceof Number)) {
                            throw new StudyFormatException(source, where, "must list strings or numbers");
                        }
                    }
                } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new StudyFormatException(source, where, "must be a string, number, boolean,"
                            + " list or an object of KEY=VALUE");
                }
                args.put(option, v);
            }
            return args;
        }

        private void checkOption(String option, String where) throws StudyFormatException {
            if (option.startsWith("-")) {
                throw new StudyFormatException(source, where, "names a train option without the"
                        + " leading '--' (write '" + option.replaceFirst("^-+", "") + "')");
            }
            if (RESERVED_OPTIONS.contains(option)) {
                throw new StudyFormatException(source, where, "cannot be set in a study: the study"
                        + " command chooses run folders and data locations (use study run --out,"
                        + " --data-dir, --offline)");
            }
        }

        private List<String> metrics(Object value) throws StudyFormatException {
            if (value == null) {
                return DEFAULT_METRICS;
            }
            if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
                throw new StudyFormatException(source, "metrics", "must be a non-empty list of"
                        + " eval.json keys such as " + DEFAULT_METRICS);
            }
            List<String> metrics = new ArrayList<>();
            for (Object item : (List<?>) value) {
                if (!(item instanceof String) || ((String) item).isBlank()) {
                    throw new StudyFormatException(source, "metrics", "must list metric names as strings");
                }
                if (!KNOWN_METRICS.contains(((String) item).strip())) {
                    throw new StudyFormatException(source, "metrics", "names '" + item + "', which no"
                            + " run reports; choose from " + String.join(", ", KNOWN_METRICS));
                }
                metrics.add(((String) item).strip());
            }
            return metrics;
        }

        private Map<String, Map<String, Double>> paper(Object value) throws StudyFormatException {
            Map<String, Map<String, Double>> paper = new LinkedHashMap<>();
            if (value == null) {
                return paper;
            }
            if (!(value instanceof Map)) {
                throw new StudyFormatException(source, "paper", "must map a variant label to"
                        + " {metric: value}, e.g. {\"gelu\": {\"precision_at_1\": 0.91}}");
            }
            for (Map.Entry<String, Object> entry : asMap(value).entrySet()) {
                String where = "paper." + entry.getKey();
                if (!(entry.getValue() instanceof Map)) {
                    throw new StudyFormatException(source, where, "must be an object {metric: value}");
                }
                Map<String, Double> numbers = new LinkedHashMap<>();
                for (Map.Entry<String, Object> metric : asMap(entry.getValue()).entrySet()) {
                    if (!(metric.getValue() instanceof Number)) {
                        throw new StudyFormatException(source, where + "." + metric.getKey(),
                                "must be a number");
                    }
                    numbers.put(metric.getKey(), ((Number) metric.getValue()).doubleValue());
                }
                paper.put(entry.getKey(), numbers);
            }
            return paper;
        }
    }
}
