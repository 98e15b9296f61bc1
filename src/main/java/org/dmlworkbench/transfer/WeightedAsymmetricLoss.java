package org.dmlworkbench.transfer;

import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A weighted sum of asymmetric losses, e.g. "asym-contr:1,rkd:0.5". */
public final class WeightedAsymmetricLoss extends AsymmetricLoss {

    /** One loss of the sum with its weight. */
    public record Term(AsymmetricLoss loss, double weight) {}

    private final List<Term> terms;

    public WeightedAsymmetricLoss(String name, List<Term> terms) {
        super(name);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a weighted sum needs at least one loss");
        }
        this.terms = List.copyOf(terms);
    }

    @Override
    public boolean comparesVectorsAcrossSpaces() {
        return terms.stream().anyMatch(term -> term.loss().comparesVectorsAcrossSpaces());
    }

    @Override
    public NDArray compute(NDArray student, NDArray teacher, NDArray labels) {
        NDArray total = null;
        for (Term term : terms) {
            NDArray value = mul(term.loss().compute(student, teacher, labels), term.weight());
            total = total == null ? value : total.add(value);
        }
        return total;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        List<Map<String, Object>> parts = new ArrayList<>();
        for (Term term : terms) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", term.loss().name());
            part.put("weight", term.weight());
            part.put("settings", term.loss().describe());
            parts.add(part);
        }
        settings.put("terms", parts);
        return settings;
    }
}
