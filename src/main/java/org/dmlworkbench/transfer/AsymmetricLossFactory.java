package org.dmlworkbench.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dmlworkbench.loss.LossFactory;

/**
 * Parses the {@code --loss} of {@code --method asymmetric}: one of asym-reg, asym-contr,
 * asym-contr+, asym-triplet, asym-ms, rkd, darkrank, or a sum such as "asym-reg+rkd" or
 * weighted "asym-contr:1,rkd:0.5". A '+' right after "asym-contr" belongs to the name when the
 * term ends there ("asym-contr+", "asym-contr+:2", "asym-contr++rkd"); otherwise it separates
 * terms ("asym-contr+rkd" is asym-contr plus rkd). Parameters are keyed like "asym-contr.margin".
 */
public final class AsymmetricLossFactory {

    private AsymmetricLossFactory() {}

    /** A parsed spec: the terms with weights and every effective parameter. */
    public record Spec(String text, List<Term> terms, Map<String, Double> parameters) {

        public record Term(AsymmetricLossKind kind, double weight) {}

        public AsymmetricLoss build() {
            if (terms.size() == 1 && terms.get(0).weight() == 1.0) {
                return create(terms.get(0).kind());
            }
            List<WeightedAsymmetricLoss.Term> parts = new ArrayList<>();
            for (Term term : terms) {
                parts.add(new WeightedAsymmetricLoss.Term(create(term.kind()), term.weight()));
            }
            return new WeightedAsymmetricLoss(text, parts);
        }

        private AsymmetricLoss create(AsymmetricLossKind kind) {
            Map<String, Double> values = new LinkedHashMap<>();
            kind.defaults().keySet().forEach(name -> values.put(name, parameters.get(kind.key(name))));
            return kind.create(values);
        }

        /** For the run's config.json, in the shape the metric losses use. */
        public Map<String, Object> describe() {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("spec", text);
            List<Map<String, Object>> termList = new ArrayList<>();
            for (Term term : terms) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", term.kind().shortName());
                entry.put("weight", term.weight());
                entry.put("settings", create(term.kind()).describe());
                termList.add(entry);
            }
            description.put("terms", termList);
            description.put("parameters", new LinkedHashMap<>(parameters));
            description.put("needsClassifier", false);
            description.put("teacher", "embeddings of the frozen teacher run, no gradient");
            return description;
        }
    }

    public static List<String> validNames() {
        return Arrays.stream(AsymmetricLossKind.values()).map(AsymmetricLossKind::shortName)
                .collect(Collectors.toList());
    }

    /**
     * @throws IllegalArgumentException naming the bad name, weight or key and listing valid ones
     */
    public static Spec parse(String spec, Map<String, String> parameters) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no asymmetric loss given; choose from "
                    + String.join(", ", validNames()));
        }
        List<Spec.Term> terms = new ArrayList<>();
        for (String token : split(spec)) {
            int colon = token.indexOf(':');
            String name = (colon < 0 ? token : token.substring(0, colon)).trim();
            AsymmetricLossKind kind = AsymmetricLossKind.byName(name);
            if (kind == null) {
                throw new IllegalArgumentException("unknown asymmetric loss '" + name + "' in '"
                        + spec + "'; valid names: " + String.join(", ", validNames()));
            }
            if (terms.stream().anyMatch(term -> term.kind() == kind)) {
                throw new IllegalArgumentException("loss '" + name + "' appears twice in '" + spec
                        + "'; give each loss once");
            }
            terms.add(new Spec.Term(kind, colon < 0 ? 1.0 : LossFactory.weight(spec, name,
                    token.substring(colon + 1))));
        }
        Spec parsed = new Spec(spec, terms, effective(spec, terms,
                parameters == null ? Map.of() : parameters));
        parsed.build(); // range checks of the parameters fail here, early
        return parsed;
    }

    /** Splits on ',' and on '+' unless the '+' ends the name "asym-contr+". */
    private static List<String> split(String spec) {
        List<String> tokens = new ArrayList<>();
        String text = spec.toLowerCase(Locale.ROOT);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length() || text.charAt(i) == ',';
            if (!end && text.charAt(i) == '+') {
                String rest = text.substring(i + 1).trim();
                boolean endsName = text.substring(start, i).trim().equals("asym-contr")
                        && (rest.isEmpty() || rest.startsWith(",") || rest.startsWith(":")
                        || rest.startsWith("+"));
                end = !endsName;
            }
            if (end) {
                String token = text.substring(start, i).trim();
                if (token.isEmpty()) {
                    throw new IllegalArgumentException("empty loss term in '" + spec
                            + "'; write terms as name or name:weight separated by ',' or '+'");
                }
                tokens.add(token);
                start = i + 1;
            }
        }
        return tokens;
    }

    private static Map<String, Double> effective(String spec, List<Spec.Term> terms,
            Map<String, String> given) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Spec.Term term : terms) {
            term.kind().defaults().forEach((name, value) -> values.put(term.kind().key(name), value));
        }
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey().trim().toLowerCase(Locale.ROOT);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown loss parameter '" + key + "' for '"
                        + spec + "'; valid keys: " + (values.isEmpty() ? "none"
                        : String.join(", ", values.keySet())));
            }
            try {
                values.put(key, Double.parseDouble(entry.getValue().trim()));
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException("loss parameter " + key
                        + " must be a number, got '" + entry.getValue() + "'");
            }
        }
        return values;
    }
}
