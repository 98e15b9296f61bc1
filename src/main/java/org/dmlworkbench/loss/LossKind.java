package org.dmlworkbench.loss;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dmlworkbench.loss.miners.MultiSimilarityMiner;
import org.dmlworkbench.loss.miners.TripletMiner;

/**
 * The losses a run can name, with their command-line hyper-parameters and the papers'
 * defaults. Parameter values reach {@link #create} typed and keyed by their short name.
 */
public enum LossKind {

    CE("ce", List.of("cross-entropy"), List.of(), values -> new CrossEntropyLoss()),

    CONTRASTIVE("contrastive", List.of(), List.of(
            LossParameter.anyNumber("pos-margin", ContrastiveLoss.DEFAULT_POS_MARGIN,
                    "positive pairs are penalised beyond this Euclidean distance"),
            LossParameter.anyNumber("neg-margin", ContrastiveLoss.DEFAULT_NEG_MARGIN,
                    "negative pairs are penalised within this Euclidean distance")),
            values -> new ContrastiveLoss(number(values, "pos-margin"),
                    number(values, "neg-margin"))),

    TRIPLET("triplet", List.of(), List.of(
            LossParameter.number("margin", TripletMarginLoss.DEFAULT_MARGIN, 0, true,
                    "required gap between d(a,n) and d(a,p)"),
            LossParameter.tripletMining("mining", "which triplets: all, semihard or hard"),
            LossParameter.flag("squared", true, "compare squared Euclidean distances")),
            values -> new TripletMarginLoss(number(values, "margin"),
                    TripletMiner.Mode.parse((String) values.get("mining")),
                    (Boolean) values.get("squared"))),

    BANDED("banded", List.of("margin"), List.of(
            LossParameter.number("margin", BandedContrastiveLoss.DEFAULT_MARGIN, 0, true,
                    "half-width of the band around beta"),
            LossParameter.number("beta", BandedContrastiveLoss.DEFAULT_BETA, 0, false,
                    "distance separating positives from negatives (fixed, not learned)")),
            values -> new BandedContrastiveLoss(number(values, "margin"), number(values, "beta"))),

    MS("ms", List.of("multi-similarity"), List.of(
            LossParameter.number("alpha", MultiSimilarityLoss.DEFAULT_ALPHA, 0, false,
                    "scale of the positive similarities"),
            LossParameter.number("beta", MultiSimilarityLoss.DEFAULT_BETA, 0, false,
                    "scale of the negative similarities"),
            LossParameter.anyNumber("base", MultiSimilarityLoss.DEFAULT_BASE,
                    "similarity offset lambda"),
            LossParameter.number("epsilon", MultiSimilarityMiner.DEFAULT_EPSILON, 0, true,
                    "pair-mining margin"),
            LossParameter.flag("mining", true, "mine pairs with the Multi-Similarity miner")),
            values -> new MultiSimilarityLoss(number(values, "alpha"), number(values, "beta"),
                    number(values, "base"), (Boolean) values.get("mining")
                            ? new MultiSimilarityMiner(number(values, "epsilon")) : null)),

    RSK("rsk", List.of("recall-surrogate"), List.of(
            LossParameter.positiveIntegers("k", RecallAtKLoss.DEFAULT_KS,
                    "the k of Recall@k, averaged (Patel et al.: 1,2,4,8,16)"),
            LossParameter.number("tau1", RecallAtKLoss.DEFAULT_TAU1, 0, false,
                    "temperature of the 'in the top k' sigmoid"),
            LossParameter.number("tau2", RecallAtKLoss.DEFAULT_TAU2, 0, false,
                    "temperature of the rank sigmoid"),
            LossParameter.flag("simix", false,
                    "SiMix: add virtual items mixed from same-class pairs' similarities")),
            values -> new RecallAtKLoss(integers(values, "k"), number(values, "tau1"),
                    number(values, "tau2"), (Boolean) values.get("simix"))),

    METRIX("metrix", List.of(), List.of(
            new LossParameter("form", "ms", "the clean loss whose positive/negative form the mixed"
                    + " pairs enter: ms or contrastive",
                    text -> MetrixLoss.Form.parse(text).name().toLowerCase(java.util.Locale.ROOT)),
            LossParameter.number("alpha", MetrixLoss.DEFAULT_ALPHA, 0, false,
                    "mixing weight lambda ~ Beta(alpha, alpha)")),
            values -> new MetrixLoss(MetrixLoss.Form.parse((String) values.get("form")),
                    number(values, "alpha")));

    private final String shortName;
    private final List<String> aliases;
    private final List<LossParameter> parameters;
    private final Function<Map<String, Object>, EmbeddingLoss> factory;

    LossKind(String shortName, List<String> aliases, List<LossParameter> parameters,
            Function<Map<String, Object>, EmbeddingLoss> factory) {
        this.shortName = shortName;
        this.aliases = aliases;
        this.parameters = parameters;
        this.factory = factory;
    }

    public String shortName() {
        return shortName;
    }

    /** Long names accepted in a spec, e.g. "multi-similarity". */
    public List<String> aliases() {
        return aliases;
    }

    public List<LossParameter> parameters() {
        return parameters;
    }

    /** The full command-line key of a parameter, e.g. "ms.alpha". */
    public String key(LossParameter parameter) {
        return shortName + "." + parameter.name();
    }

    /**
     * Builds the loss.
     *
     * @param values every parameter of this kind, typed, keyed by its short name
     */
    public EmbeddingLoss create(Map<String, Object> values) {
        return factory.apply(values);
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> integers(Map<String, Object> values, String name) {
        return (List<Integer>) values.get(name);
    }

    private static double number(Map<String, Object> values, String name) {
        return (Double) values.get(name);
    }
}
