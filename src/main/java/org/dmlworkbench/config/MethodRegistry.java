package org.dmlworkbench.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The training methods, found with {@link ServiceLoader}: each is listed once, in
 * {@code META-INF/services/org.dmlworkbench.config.MethodRules}, in the order the window offers
 * them. Adding a method is a class in its own package plus one line there; neither the config nor
 * the training loop names it.
 */
public final class MethodRegistry {

    private static final List<MethodRules> ALL = load();

    private MethodRegistry() {}

    private static List<MethodRules> load() {
        List<MethodRules> methods = new ArrayList<>();
        for (MethodRules method : ServiceLoader.load(MethodRules.class, MethodRegistry.class.getClassLoader())) {
            if (methods.stream().anyMatch(other -> other.name().equals(method.name()))) {
                throw new IllegalStateException("two training methods are named '" + method.name() + "'");
            }
            methods.add(method);
        }
        if (methods.isEmpty()) {
            throw new IllegalStateException("no training method is registered; the services file"
                    + " META-INF/services/" + MethodRules.class.getName() + " is missing");
        }
        return List.copyOf(methods);
    }

    /** Every method, in the order the window offers them. */
    public static List<MethodRules> all() {
        return ALL;
    }

    /** The methods' names, in order. */
    public static List<String> names() {
        return ALL.stream().map(MethodRules::name).toList();
    }

    /**
     * @param name as given to {@code --method} (case-insensitive)
     * @throws IllegalArgumentException naming the valid methods
     */
    public static MethodRules byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (MethodRules method : ALL) {
            if (method.name().equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; choose " + choices());
    }

    /** "metric, guided or asymmetric". */
    public static String choices() {
        return orList(names());
    }

    /** "a, b or c" (a sentence's list of choices). */
    public static String orList(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
