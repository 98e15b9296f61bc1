package org.dmlworkbench.ui.study;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.dmlworkbench.config.TrainingConfig;

/** The plan of a study in one line: how many runs, how many epochs on which data, and how long. */
final class PlanText {

    private PlanText() {}

    /**
     * "Plan: 6 runs × 15 epochs on fashion-mnist, 4 still to train", then, once timed, "(60,000
     * training images): about 41 min at 1,850 img/s measured here".
     *
     * @param estimate the measured estimate, or null before timing
     */
    static String of(LoadedStudy loaded, StudyEstimate estimate) {
        List<TrainingConfig> configs = loaded.configs();
        List<Integer> epochs = configs.stream().map(TrainingConfig::epochs).distinct().sorted().toList();
        String epochText = epochs.size() == 1 ? epochs.get(0) + (epochs.get(0) == 1 ? " epoch" : " epochs")
                : epochs.get(0) + "–" + epochs.get(epochs.size() - 1) + " epochs";
        List<String> data = configs.stream().map(TrainingConfig::data).distinct()
                .sorted(Comparator.naturalOrder()).toList();
        int total = loaded.plan().runs().size();
        long pending = loaded.plan().runs().stream().filter(loaded::pending).count();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Plan: %d runs × %s on %s", total,
                epochText, String.join(", ", data)));
        if (pending == 0) {
            text.append(", none left to train");
        } else if (pending < total) {
            text.append(", ").append(pending).append(" still to train");
        }
        if (estimate != null) {
            String images = estimate.trainImages().values().stream().distinct()
                    .map(n -> String.format(Locale.US, "%,d", n)).reduce((a, b) -> a + " / " + b).orElse("");
            text.append(images.isEmpty() ? "" : " (" + images + " training images)")
                    .append(": ").append(estimate.describe());
        }
        return text.append('.').toString();
    }
}
