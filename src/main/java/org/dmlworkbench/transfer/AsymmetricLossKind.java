package org.dmlworkbench.transfer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The asymmetric and relational losses by name, with their hyper-parameters and defaults. */
public enum AsymmetricLossKind {

    REG("asym-reg", Map.of(), values -> new RegressionLoss()),
    CONTR("asym-contr", ordered("margin", 0.7, "negatives", 5.0),
            values -> new AsymmetricContrastiveLoss("asym-contr", values.get("margin"),
                    count("asym-contr.negatives", values.get("negatives")), false)),
    CONTR_PLUS("asym-contr+", ordered("margin", 0.7, "negatives", 5.0),
            values -> new AsymmetricContrastiveLoss("asym-contr+", values.get("margin"),
                    count("asym-contr+.negatives", values.get("negatives")), true)),
    TRIPLET("asym-triplet", Map.of("margin", 0.1),
            values -> new AsymmetricTripletLoss(values.get("margin"))),
    MS("asym-ms", ordered("alpha", 2.0, "beta", 40.0, "lambda", 0.5),
            values -> new AsymmetricMultiSimilarityLoss(values.get("alpha"), values.get("beta"),
                    values.get("lambda"))),
    RKD("rkd", ordered("distance-weight", 1.0, "angle-weight", 2.0),
            values -> new RelationalKnowledgeLoss(values.get("distance-weight"),
                    values.get("angle-weight"))),
    DARKRANK("darkrank", ordered("alpha", 3.0, "beta", 3.0),
            values -> new DarkRankLoss(values.get("alpha"), values.get("beta")));

    private final String shortName;
    private final Map<String, Double> defaults;
    private final Function<Map<String, Double>, AsymmetricLoss> factory;

    AsymmetricLossKind(String shortName, Map<String, Double> defaults,
            Function<Map<String, Double>, AsymmetricLoss> factory) {
        this.shortName = shortName;
        this.defaults = defaults;
        this.factory = factory;
    }

    public String shortName() {
        return shortName;
    }

    /** Parameter names (without the loss prefix) with their defaults. */
    public Map<String, Double> defaults() {
        return defaults;
    }

    /** "asym-contr.margin" for parameter "margin". */
    public String key(String parameter) {
        return shortName + "." + parameter;
    }

    AsymmetricLoss create(Map<String, Double> values) {
        return factory.apply(values);
    }

    public static AsymmetricLossKind byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (AsymmetricLossKind kind : values()) {
            if (kind.shortName.equals(wanted)) {
                return kind;
            }
        }
        return null;
    }

    /** A parameter that counts things: a whole number, named in the message when it is not. */
    private static int count(String key, double value) {
        if (value != Math.rint(value) || value < 1 || value > 1_000_000) {
            throw new IllegalArgumentException(key + " must be a whole number >= 1, got " + value);
        }
        return (int) value;
    }

    private static Map<String, Double> ordered(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }
}
