package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted sum of named losses, e.g. 1 x Multi-Similarity + 1 x cross-entropy. Reads the
 * logits when any term does.
 */
public final class WeightedSumLoss extends EmbeddingLoss {

    /** One named, weighted term. */
    public record Term(String name, double weight, EmbeddingLoss loss) {
        public Term {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of loss term '" + name
                        + "' must be a finite number > 0, got " + weight);
            }
        }
    }

    private final List<Term> terms;

    public WeightedSumLoss(List<Term> terms) {
        super(nameOf(terms));
        this.terms = List.copyOf(terms);
        for (int i = 0; i < this.terms.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (this.terms.get(i).name().equals(this.terms.get(j).name())) {
                    throw new IllegalArgumentException("loss term '" + this.terms.get(i).name()
                            + "' appears twice; give each term once with its weight");
                }
            }
        }
    }

    private static String nameOf(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a weighted sum needs at least one loss term");
        }
        StringBuilder name = new StringBuilder();
        for (Term term : terms) {
            name.append(name.length() == 0 ? "" : "+").append(term.name());
        }
        return name.toString();
    }

    public List<Term> terms() {
        return terms;
    }

    @Override
    public boolean needsClassifier() {
        return terms.stream().anyMatch(term -> term.loss().needsClassifier());
    }

    @Override
    public boolean needsTeacher() {
        return terms.stream().anyMatch(term -> term.loss().needsTeacher());
    }

    @Override
    public boolean comparesVectorsAcrossSpaces() {
        return terms.stream().anyMatch(term -> term.loss().comparesVectorsAcrossSpaces());
    }

    /** Each term's unweighted value, in order, for logging the parts of the total. */
    public Map<String, NDArray> computeTerms(NDArray embeddings, NDArray labels, NDArray logits) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        for (Term term : terms) {
            values.put(term.name(), term.loss().compute(embeddings, labels, logits));
        }
        return values;
    }

    @Override
    public NDArray compute(NDArray embeddings, NDArray labels, NDArray logits) {
        return compute(embeddings, labels, logits, null);
    }

    @Override
    public NDArray compute(NDArray embeddings, NDArray labels, NDArray logits, NDArray teacher) {
        NDArray total = null;
        for (Term term : terms) {
            NDArray weighted = mul(term.loss().compute(embeddings, labels, logits, teacher),
                    term.weight());
            total = total == null ? weighted : total.add(weighted);
        }
        return total;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Term term : terms) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", term.name());
            part.put("weight", term.weight());
            part.put("settings", term.loss().describe());
            parts.add(part);
        }
        settings.put("terms", parts);
        return settings;
    }
}
