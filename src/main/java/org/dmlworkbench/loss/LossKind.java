package org.dmlworkbench.loss;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dmlworkbench.loss.distances.CosineSimilarity;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.dmlworkbench.loss.miners.MultiSimilarityMiner;
import org.dmlworkbench.loss.miners.TripletMiner;
import org.dmlworkbench.loss.reducers.MeanReducer;

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

    NTXENT("ntxent", List.of("infonce"), List.of(LossParameter.number("temperature",
            NTXentLoss.DEFAULT_TEMPERATURE, 0, false, "softmax temperature tau")),
            values -> new NTXentLoss(number(values, "temperature"))),

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
                    "mixing weight lambda ~ Beta(alpha, alpha)"),
            new LossParameter("negatives", "all", "which negatives of its anchor each positive pair"
                    + " is mixed with: all (the authors' embedding level) or hardest",
                    text -> MetrixLoss.Negatives.parse(text).name().toLowerCase(java.util.Locale.ROOT)),
            LossParameter.number("neg-margin", MetrixLoss.DEFAULT_NEG_MARGIN, 0, false,
                    "the contrastive form's negative margin (the authors' 0.5)"),
            LossParameter.flag("renormalise", true, "measure the mixed embedding after L2"
                    + " normalisation, as the authors' distances do (false: the linear mix)")),
            values -> new MetrixLoss(MetrixLoss.Form.parse((String) values.get("form")),
                    number(values, "alpha"), null,
                    MetrixLoss.Negatives.parse((String) values.get("negatives")),
                    number(values, "neg-margin"), (Boolean) values.get("renormalise"))),

    // Losses against a frozen teacher's embeddings (--method asymmetric): TeacherLoss.

    ASYM_REG("asym-reg", List.of(), List.of(), values -> new RegressionLoss()),

    ASYM_CONTR("asym-contr", List.of(), contrastiveTuple(),
            values -> new CrossModelPairLoss("asym-contr", new AsymmetricContrastiveLoss(
                    "asym-contr", number(values, "margin"), (Integer) values.get("negatives"), false))),

    ASYM_CONTR_PLUS("asym-contr+", List.of(), contrastiveTuple(),
            values -> new CrossModelPairLoss("asym-contr+", new AsymmetricContrastiveLoss(
                    "asym-contr+", number(values, "margin"), (Integer) values.get("negatives"), true))),

    /** This package's triplet loss on the student-teacher matrix: every valid triplet, mean. */
    ASYM_TRIPLET("asym-triplet", List.of(), List.of(
            LossParameter.number("margin", 0.1, 0, true, "required gap between d(s_a,t_n) and d(s_a,t_p)")),
            values -> new CrossModelPairLoss("asym-triplet", new TripletMarginLoss(
                    number(values, "margin"), new EuclideanDistance(),
                    new TripletMiner(TripletMiner.Mode.ALL, number(values, "margin")), new MeanReducer()))),

    /** This package's Multi-Similarity on the student-teacher matrix, without a miner (the authors'). */
    ASYM_MS("asym-ms", List.of(), List.of(
            LossParameter.number("alpha", 2.0, 0, false, "scale of the positive similarities"),
            LossParameter.number("beta", 40.0, 0, false, "scale of the negative similarities"),
            LossParameter.anyNumber("lambda", 0.5, "similarity offset")),
            values -> new CrossModelPairLoss("asym-ms", new MultiSimilarityLoss(
                    number(values, "alpha"), number(values, "beta"), number(values, "lambda"),
                    new CosineSimilarity(), null))),

    RKD("rkd", List.of(), List.of(
            LossParameter.anyNumber("distance-weight", 1.0, "weight of the distance term"),
            LossParameter.anyNumber("angle-weight", 2.0, "weight of the angle term")),
            values -> new RelationalKnowledgeLoss(number(values, "distance-weight"),
                    number(values, "angle-weight"))),

    DARKRANK("darkrank", List.of(), List.of(
            LossParameter.anyNumber("alpha", 3.0, "scale of the listwise scores"),
            LossParameter.anyNumber("beta", 3.0, "power of the distances")),
            values -> new DarkRankLoss(number(values, "alpha"), number(values, "beta")));

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

    /** True for the losses against a frozen teacher's embeddings ({@link TeacherLoss}). */
    public boolean needsTeacher() {
        Map<String, Object> defaults = new java.util.LinkedHashMap<>();
        for (LossParameter parameter : parameters) {
            defaults.put(parameter.name(), parameter.parse(key(parameter), parameter.defaultValue()));
        }
        return create(defaults).needsTeacher();
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

    /** The authors' m = 0.7 and N = 5 negatives per tuple. */
    private static List<LossParameter> contrastiveTuple() {
        return List.of(
                LossParameter.number("margin", 0.7, 0, false, "negatives are pushed beyond this distance"),
                LossParameter.count("negatives", 5, "mined negatives per tuple, one per class"));
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> integers(Map<String, Object> values, String name) {
        return (List<Integer>) values.get(name);
    }

    private static double number(Map<String, Object> values, String name) {
        return (Double) values.get(name);
    }
}
