package org.dmlworkbench.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parses {@code --loss} specs such as {@code ms}, {@code ms+ce} (weights 1),
 * {@code ms:0.5,ce:1} or {@code triplet-semihard}, with hyper-parameters such as
 * {@code ms.alpha=2} given separately. Terms are separated by '+' or ','; a weight follows a ':'.
 * Names and keys are case-insensitive.
 */
public final class LossFactory {

    /** Spec names that stand for a loss with some parameters fixed. */
    private record Preset(LossKind kind, Map<String, String> fixed) {
    }

    private static final Map<String, Preset> NAMES = names();

    private LossFactory() {
    }

    private static Map<String, Preset> names() {
        Map<String, Preset> names = new LinkedHashMap<>();
        for (LossKind kind : LossKind.values()) {
            names.put(kind.shortName(), new Preset(kind, Map.of()));
            if (kind == LossKind.TRIPLET) {
                names.put("triplet-semihard",
                        new Preset(kind, Map.of("triplet.mining", "semihard")));
            }
            for (String alias : kind.aliases()) {
                names.put(alias, new Preset(kind, Map.of()));
            }
        }
        return names;
    }

    /** Every name a spec may use. */
    public static List<String> validNames() {
        return new ArrayList<>(NAMES.keySet());
    }

    /** Every name, the losses against a teacher said apart. */
    private static String namesForMessage() {
        List<String> teacher = teacherNames();
        return validNames().stream().filter(name -> !teacher.contains(name))
                .collect(Collectors.joining(", "))
                + "; against a teacher (--method asymmetric): " + String.join(", ", teacher);
    }

    /** The names of the losses against a teacher's embeddings (--method asymmetric). */
    public static List<String> teacherNames() {
        return Arrays.stream(LossKind.values()).filter(LossKind::needsTeacher)
                .map(LossKind::shortName).collect(Collectors.toList());
    }

    /** Parses and builds in one go. */
    public static EmbeddingLoss create(String spec, Map<String, String> parameters) {
        return parse(spec, parameters).build();
    }

    /**
     * @param spec e.g. "ms+ce" or "ms:0.5,ce:1"
     * @param parameters hyper-parameters keyed like "ms.alpha" (null means none); every key must
     *     belong to a loss of the spec
     * @throws IllegalArgumentException naming the bad name, key, weight or value and listing the
     *     valid ones
     */
    public static LossSpec parse(String spec, Map<String, String> parameters) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no loss given; choose from "
                    + namesForMessage() + ", e.g. 'ms+ce' or 'ms:0.5,ce:1'");
        }
        List<LossSpec.Term> terms = new ArrayList<>();
        Map<String, String> fixed = new LinkedHashMap<>();
        for (String part : terms(spec)) {
            String token = part.trim().toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                throw new IllegalArgumentException("empty loss term in '" + spec + "'; write "
                        + "terms as name or name:weight separated by '+' or ','");
            }
            int colon = token.indexOf(':');
            String name = colon < 0 ? token : token.substring(0, colon).trim();
            Preset preset = NAMES.get(name);
            if (preset == null) {
                throw new IllegalArgumentException("unknown loss '" + name + "' in '" + spec
                        + "'; valid names: " + namesForMessage());
            }
            double weight = colon < 0 ? 1.0 : weight(spec, name, token.substring(colon + 1));
            for (LossSpec.Term earlier : terms) {
                if (earlier.kind() == preset.kind()) {
                    throw new IllegalArgumentException("loss '" + preset.kind().shortName()
                            + "' appears twice in '" + spec + "'; give each loss once");
                }
            }
            terms.add(new LossSpec.Term(preset.kind(), weight));
            fixed.putAll(preset.fixed());
        }
        LossSpec parsed = new LossSpec(spec, terms, effective(spec, terms, fixed,
                parameters == null ? Map.of() : parameters));
        parsed.build(); // cross-parameter checks (e.g. contrastive margins) fail here, early
        return parsed;
    }

    /**
     * Splits a spec into terms on ',' and '+', except a '+' that ends a name ("asym-contr+"): it
     * belongs to the name when the name with it is known and the term ends there
     * ("asym-contr+", "asym-contr+:2", "asym-contr++rkd"); "asym-contr+rkd" is two terms.
     */
    private static List<String> terms(String spec) {
        List<String> tokens = new ArrayList<>();
        String text = spec.toLowerCase(Locale.ROOT);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length() || text.charAt(i) == ',';
            if (!end && text.charAt(i) == '+') {
                String rest = text.substring(i + 1).trim();
                boolean endsName = NAMES.containsKey(text.substring(start, i).trim() + "+")
                        && (rest.isEmpty() || rest.startsWith(",") || rest.startsWith(":")
                        || rest.startsWith("+"));
                end = !endsName;
            }
            if (end) {
                tokens.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return tokens;
    }

    /** A term's weight ("0.5" in "ms:0.5"): a finite number > 0, else an error naming the term. */
    public static double weight(String spec, String name, String text) {
        try {
            double weight = Double.parseDouble(text.trim());
            if (weight > 0 && Double.isFinite(weight)) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("weight of '" + name + "' in '" + spec
                + "' must be a number > 0, got '" + text.trim() + "'");
    }

    private static Map<String, Object> effective(String spec, List<LossSpec.Term> terms,
            Map<String, String> fixed, Map<String, String> given) {
        Map<String, LossParameter> known = new LinkedHashMap<>();
        for (LossSpec.Term term : terms) {
            for (LossParameter parameter : term.kind().parameters()) {
                known.put(term.kind().key(parameter), parameter);
            }
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = canonicalKey(entry.getKey().trim().toLowerCase(Locale.ROOT));
            if (!known.containsKey(key)) {
                throw new IllegalArgumentException(unknownKeyMessage(spec, key, known));
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("loss parameter " + key + " has no value");
            }
            chosen.put(key, entry.getValue());
        }
        for (Map.Entry<String, String> entry : fixed.entrySet()) {
            String givenValue = chosen.get(entry.getKey());
            LossParameter parameter = known.get(entry.getKey());
            if (givenValue != null && !parameter.parse(entry.getKey(), givenValue)
                    .equals(parameter.parse(entry.getKey(), entry.getValue()))) {
                throw new IllegalArgumentException("'" + spec + "' fixes " + entry.getKey() + "="
                        + entry.getValue() + " but " + entry.getKey() + "=" + givenValue
                        + " was given; use 'triplet' with " + entry.getKey() + " instead");
            }
            chosen.put(entry.getKey(), entry.getValue());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        known.forEach((key, parameter) -> values.put(key,
                parameter.parse(key, chosen.getOrDefault(key, parameter.defaultValue()))));
        return values;
    }

    /** "margin.beta" (a loss's older name or alias) reads as "banded.beta". */
    private static String canonicalKey(String key) {
        int dot = key.indexOf('.');
        Preset owner = dot < 0 ? null : NAMES.get(key.substring(0, dot));
        if (owner == null || owner.kind().shortName().equals(key.substring(0, dot))
                || !owner.fixed().isEmpty()) {
            return key;
        }
        return owner.kind().shortName() + key.substring(dot);
    }

    private static String unknownKeyMessage(String spec, String key,
            Map<String, LossParameter> known) {
        String valid = known.isEmpty() ? "none (the chosen losses have no parameters)"
                : String.join(", ", known.keySet());
        int dot = key.indexOf('.');
        Preset owner = dot < 0 ? null : NAMES.get(key.substring(0, dot));
        if (owner != null && owner.kind().parameters().stream()
                .anyMatch(parameter -> key.equals(owner.kind().key(parameter)))) {
            return "loss parameter '" + key + "' belongs to loss '" + owner.kind().shortName()
                    + "', which is not in '" + spec + "'; valid keys here: " + valid;
        }
        return "unknown loss parameter '" + key + "' for '" + spec + "'; valid keys: " + valid
                + allKeysHint();
    }

    private static String allKeysHint() {
        return " (all losses: " + Arrays.stream(LossKind.values())
                .flatMap(kind -> kind.parameters().stream().map(kind::key))
                .collect(Collectors.joining(", ")) + ")";
    }
}
