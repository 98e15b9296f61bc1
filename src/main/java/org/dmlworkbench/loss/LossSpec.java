package org.dmlworkbench.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code --loss} choice: the weighted terms and every hyper-parameter of those terms
 * with defaults filled in. {@link #describe()} is what a run's config records;
 * {@code LossFactory.parse(canonical(), stringParameters())} rebuilds the same loss.
 */
public final class LossSpec {

    /** One loss in the sum, with its weight. */
    public record Term(LossKind kind, double weight) {
        public String name() {
            return kind.shortName();
        }
    }

    private final String text;
    private final List<Term> terms;
    private final Map<String, Object> parameters;

    LossSpec(String text, List<Term> terms, Map<String, Object> parameters) {
        this.text = text;
        this.terms = List.copyOf(terms);
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Same as {@link LossFactory#parse}. */
    public static LossSpec parse(String spec, Map<String, String> parameters) {
        return LossFactory.parse(spec, parameters);
    }

    public List<Term> terms() {
        return terms;
    }

    /**
     * Every hyper-parameter of the chosen losses, keyed like "ms.alpha", with its effective typed
     * value (Double, Boolean or String), in the order of the terms.
     */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** {@link #parameters()} as text, the form {@link LossFactory#parse} takes. */
    public Map<String, String> stringParameters() {
        Map<String, String> text = new LinkedHashMap<>();
        parameters.forEach((key, value) -> text.put(key, value instanceof Double
                ? LossParameter.format((Double) value) : String.valueOf(value)));
        return text;
    }

    public boolean needsClassifier() {
        return terms.stream().anyMatch(term -> create(term.kind()).needsClassifier());
    }

    /** True when a term compares with a teacher's embeddings (--method asymmetric). */
    public boolean needsTeacher() {
        return terms.stream().anyMatch(term -> term.kind().needsTeacher());
    }

    /** True when every term compares with a teacher's embeddings. */
    public boolean allNeedTeacher() {
        return terms.stream().allMatch(term -> term.kind().needsTeacher());
    }

    /** Short names with weights: "ms+ce" when every weight is 1, else "ms:0.5,ce:1". */
    public String canonical() {
        boolean allOne = terms.stream().allMatch(term -> term.weight() == 1.0);
        StringBuilder spec = new StringBuilder();
        for (Term term : terms) {
            spec.append(spec.length() == 0 ? "" : allOne ? "+" : ",").append(term.name());
            if (!allOne) {
                spec.append(':').append(LossParameter.format(term.weight()));
            }
        }
        return spec.toString();
    }

    /**
     * A new loss object: the single loss itself for one term of weight 1, else a
     * {@link WeightedSumLoss}. Each call builds fresh objects (DJL losses carry accumulators).
     */
    public EmbeddingLoss build() {
        if (terms.size() == 1 && terms.get(0).weight() == 1.0) {
            return create(terms.get(0).kind());
        }
        List<WeightedSumLoss.Term> parts = new ArrayList<>();
        for (Term term : terms) {
            parts.add(new WeightedSumLoss.Term(term.name(), term.weight(), create(term.kind())));
        }
        return new WeightedSumLoss(parts);
    }

    private EmbeddingLoss create(LossKind kind) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (LossParameter parameter : kind.parameters()) {
            values.put(parameter.name(), parameters.get(kind.key(parameter)));
        }
        return kind.create(values);
    }

    /**
     * For a run's config.json: {@code spec} (as given), {@code canonical}, {@code terms} (name,
     * weight and the built loss's own settings: distance, miner, reducer) and {@code parameters}
     * (every effective hyper-parameter).
     */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("spec", text);
        description.put("canonical", canonical());
        List<Map<String, Object>> termList = new ArrayList<>();
        for (Term term : terms) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", term.name());
            entry.put("weight", term.weight());
            entry.put("settings", create(term.kind()).describe());
            termList.add(entry);
        }
        description.put("terms", termList);
        description.put("parameters", new LinkedHashMap<>(parameters));
        description.put("needsClassifier", needsClassifier());
        if (needsTeacher()) {
            description.put("teacher", "embeddings of the frozen teacher run, no gradient");
        }
        return description;
    }

    /**
     * Same text, terms and effective parameters: a config that keeps its parsed loss equals
     * another config with the same loss settings.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof LossSpec spec && text.equals(spec.text) && terms.equals(spec.terms)
                && parameters.equals(spec.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, terms, parameters);
    }

    @Override
    public String toString() {
        return canonical() + " " + parameters;
    }
}
