package org.dmlworkbench.data.benchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark layouts the workbench reads: looked up by name, or recognised in a folder. */
public final class BenchmarkLayouts {

    private static final List<BenchmarkLayout> ALL = List.of(new Cub200Layout(), new Cars196Layout(),
            new StanfordOnlineProductsLayout(), new InShopLayout());

    private BenchmarkLayouts() {}

    /** Every layout, in the order they are listed to users. */
    public static List<BenchmarkLayout> all() {
        return ALL;
    }

    /** The layout {@code name} or one of its aliases (case-insensitive) names, if any. */
    public static Optional<BenchmarkLayout> byName(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(layout -> layout.name().equals(key) || layout.aliases().contains(key))
                .findFirst();
    }

    /** The layout whose index files {@code folder} (or its archive's folder) holds, if any. */
    public static Optional<BenchmarkLayout> detect(Path folder) {
        return ALL.stream().filter(layout -> layout.find(folder).isPresent()).findFirst();
    }
}
