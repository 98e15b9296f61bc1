package org.dmlworkbench.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The training methods, found with {@link ServiceLoader}: each is listed once, in
 * {@code META-INF/services/org.dmlworkbench.training.TrainingMethod}, in the order the window
 * offers them. Adding a method is a class in its own package plus one line there; nothing in
 * the training loop names it.
 */
public final class TrainingMethods {

    private static final List<TrainingMethod> ALL = load();

    private TrainingMethods() {}

    private static List<TrainingMethod> load() {
        List<TrainingMethod> methods = new ArrayList<>();
        for (TrainingMethod method : ServiceLoader.load(TrainingMethod.class,
                TrainingMethods.class.getClassLoader())) {
            if (methods.stream().anyMatch(other -> other.name().equals(method.name()))) {
                throw new IllegalStateException("two training methods are named '" + method.name() + "'");
            }
            methods.add(method);
        }
        if (methods.isEmpty()) {
            throw new IllegalStateException("no training method is registered; the services file"
                    + " META-INF/services/" + TrainingMethod.class.getName() + " is missing");
        }
        return List.copyOf(methods);
    }

    /** Every method, in the order the window offers them. */
    public static List<TrainingMethod> all() {
        return ALL;
    }

    /** The method's names, in order. */
    public static List<String> names() {
        return ALL.stream().map(TrainingMethod::name).toList();
    }

    /**
     * @param name as given to {@code --method} (case-insensitive)
     * @throws IllegalArgumentException naming the valid methods
     */
    public static TrainingMethod byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (TrainingMethod method : ALL) {
            if (method.name().equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; choose " + choices());
    }

    /** "metric, guided or asymmetric". */
    public static String choices() {
        List<String> names = names();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
