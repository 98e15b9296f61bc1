package org.dmlworkbench;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The groups of top-level packages (org.dmlworkbench.X) that depend on each other in a circle:
 * the strongly connected components of the package dependency graph with more than one package.
 * A rule over these groups says which cycles are known open work (issue 17) and fails on any
 * other, while new dependencies inside a known group stay allowed (unlike a frozen list of
 * class-level violations, which breaks on every ordinary change along a known cycle).
 */
final class PackageCycles {

    private static final String ROOT = "org.dmlworkbench.";

    private PackageCycles() {}

    static Set<Set<String>> of(JavaClasses classes) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass type : classes) {
            String from = topLevel(type);
            if (from == null) {
                continue;
            }
            edges.computeIfAbsent(from, key -> new TreeSet<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String to = topLevel(dependency.getTargetClass());
                if (to != null && !to.equals(from)) {
                    edges.get(from).add(to);
                    edges.computeIfAbsent(to, key -> new TreeSet<>());
                }
            }
        }
        return new Tarjan(edges).groups;
    }

    /** Fails naming every group that is not one of {@code known}. */
    static void assertOnly(Set<Set<String>> known, JavaClasses classes) {
        Set<Set<String>> found = of(classes);
        if (!found.equals(known)) {
            throw new AssertionError("package cycles changed: found " + found + ", known " + known
                    + " (a new cycle, or a package joined or left a known one; if a cycle was"
                    + " removed, shrink the known list in ArchitectureTest)");
        }
    }

    private static String topLevel(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(ROOT)) {
            return null;
        }
        String rest = name.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Tarjan's strongly connected components, iterative enough for a few dozen packages. */
    private static final class Tarjan {
        final Set<Set<String>> groups = new LinkedHashSet<>();
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new java.util.HashSet<>();
        private int counter;

        Tarjan(Map<String, Set<String>> edges) {
            this.edges = edges;
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
        }

        private void visit(String node) {
            index.put(node, counter);
            low.put(node, counter);
            counter++;
            stack.push(node);
            onStack.add(node);
            for (String next : edges.get(node)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> group = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    group.add(member);
                } while (!member.equals(node));
                if (group.size() > 1) {
                    groups.add(group);
                }
            }
        }
    }
}
