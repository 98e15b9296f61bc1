package org.dmlworkbench.training;

import java.util.List;
import org.dmlworkbench.config.MethodRegistry;
import org.dmlworkbench.config.MethodRules;

/** The registered methods ({@link MethodRegistry}) on their training side. */
public final class TrainingMethods {

    private TrainingMethods() {}

    /** Every method, in the order the window offers them. */
    public static List<TrainingMethod> all() {
        return MethodRegistry.all().stream().map(TrainingMethods::training).toList();
    }

    /** The methods' names, in order. */
    public static List<String> names() {
        return MethodRegistry.names();
    }

    /** "metric, guided or asymmetric". */
    public static String choices() {
        return MethodRegistry.choices();
    }

    /**
     * @throws IllegalArgumentException naming the valid methods
     */
    public static TrainingMethod byName(String name) {
        return training(MethodRegistry.byName(name));
    }

    private static TrainingMethod training(MethodRules rules) {
        if (rules instanceof TrainingMethod method) {
            return method;
        }
        throw new IllegalStateException("the method '" + rules.name() + "' (" + rules.getClass().getName()
                + ") has no training side: it must implement " + TrainingMethod.class.getName());
    }
}
