package org.dmlworkbench.ui.data;

import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.data.Dataset;

/** Images of one class in each split: a row of the class table and a pair of bars. */
public record ClassCount(int label, String className, int train, int test) {

    /** One row per class, in label order. */
    public static List<ClassCount> of(Dataset dataset) {
        int[] train = dataset.train().classCounts();
        int[] test = dataset.test().classCounts();
        List<String> names = dataset.classNames();
        List<ClassCount> rows = new ArrayList<>(names.size());
        for (int label = 0; label < names.size(); label++) {
            rows.add(new ClassCount(label, names.get(label), train[label], test[label]));
        }
        return rows;
    }
}
