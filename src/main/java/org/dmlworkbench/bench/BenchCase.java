package org.dmlworkbench.bench;

import java.util.List;

/** One benchmark: it warms up, repeats its measurement and returns its rows. */
public interface BenchCase {

    /** Unique name; {@code --only} selects cases whose name starts with a given prefix. */
    String name();

    /**
     * @return one or more rows (a case may report several figures, e.g. p50 and p99)
     * @throws Exception when the case cannot run; the runner records it as failed and goes on
     */
    List<BenchResult> run(BenchContext context) throws Exception;
}
