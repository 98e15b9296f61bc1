package org.dmlworkbench.ui.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.study.StudyPlan;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.UiErrors;

/**
 * How long the runs of a study still to train will take here, from the training throughput
 * measured on this machine for each group of runs (one probe per group: the seeds of a group
 * train the same network on the same data).
 *
 * @param runSeconds estimated seconds of each run, in run order (0 for a run already done; a
 *     group that could not be timed is counted at the mean rate of the others)
 * @param imagesPerSecond the measured rate of each group that could be timed
 * @param untimed why each group that could not be timed failed (its runs will likely fail too)
 * @param trainImages training images of each run's data, by data name
 */
public record StudyEstimate(List<Double> runSeconds, Map<String, Double> imagesPerSecond,
        Map<String, String> untimed, Map<String, Integer> trainImages) {

    /**
     * Evaluation embeds images without a backward pass; about this many times faster per image
     * than a training step (forward and backward), which is measured.
     */
    static final double EVALUATION_SPEED_UP = 3;

    public StudyEstimate {
        runSeconds = List.copyOf(runSeconds);
        imagesPerSecond = Map.copyOf(imagesPerSecond);
        untimed = Map.copyOf(untimed);
        trainImages = Map.copyOf(trainImages);
    }

    /**
     * Loads each run's data and times one run of each group still to train. Slow; off the JavaFX
     * thread, holding the training slot.
     *
     * @param data loads a data set by name
     */
    static StudyEstimate measure(LoadedStudy study, Function<String, Dataset> data, ProgressListener progress,
            Cancellation cancel) throws IOException {
        List<StudyPlan.PlannedRun> runs = study.plan().runs();
        Map<String, Dataset> sets = new HashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, String> untimed = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (study.pending(runs.get(i)) && !groups.contains(runs.get(i).group())) {
                groups.add(runs.get(i).group());
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            StudyPlan.PlannedRun run = runs.get(i);
            if (!study.pending(run) || rates.containsKey(run.group()) || untimed.containsKey(run.group())) {
                continue;
            }
            cancel.throwIfCancelled();
            progress.update("timing " + run.group(), rates.size() + untimed.size() + 1, groups.size(), "groups");
            TrainingConfig config = study.configs().get(i);
            Dataset set = sets.computeIfAbsent(config.data(), data);
            try {
                rates.put(run.group(), ThroughputProbe.imagesPerSecond(config, set, cancel));
            } catch (IOException | RuntimeException failed) {
                if (failed instanceof CancelledException stopped) {
                    throw stopped;
                }
                // One group that cannot train must not hide the plan: say so in it.
                untimed.put(run.group(), UiErrors.describe(failed));
            }
        }
        double meanRate = rates.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        List<Double> seconds = new ArrayList<>();
        Map<String, Integer> images = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            StudyPlan.PlannedRun run = runs.get(i);
            TrainingConfig config = study.configs().get(i);
            Dataset set = sets.get(config.data());
            if (set != null) {
                images.put(config.data(), set.train().size());
            }
            double rate = rates.getOrDefault(run.group(), meanRate);
            seconds.add(study.pending(run) ? runSeconds(config, set, rate) : 0.0);
        }
        return new StudyEstimate(seconds, rates, untimed, images);
    }

    /** Training steps of every epoch plus the evaluations, at the measured rate. */
    static double runSeconds(TrainingConfig config, Dataset data, double imagesPerSecond) {
        double epoch = data.train().size() / imagesPerSecond;
        int evaluations = (config.epochs() + config.evalEvery() - 1) / config.evalEvery();
        int embedded = data.test().size() + (config.evalGallery().equals("train") ? data.train().size() : 0);
        double evaluation = embedded / (EVALUATION_SPEED_UP * imagesPerSecond);
        return config.epochs() * epoch + evaluations * evaluation;
    }

    public double totalSeconds() {
        return runSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * "about 41 min at 1,850 img/s measured here" (a range when the groups differ), then the
     * groups that could not be timed and why.
     */
    public String describe() {
        String failures = untimed.entrySet().stream()
                .map(e -> "; " + e.getKey() + " could not be timed: " + e.getValue())
                .collect(java.util.stream.Collectors.joining());
        if (imagesPerSecond.isEmpty()) {
            return untimed.isEmpty() ? "nothing left to train" : "no group could be timed" + failures;
        }
        double low = imagesPerSecond.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double high = imagesPerSecond.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        String rate = Math.round(low) == Math.round(high) ? String.format(Locale.US, "%,.0f", low)
                : String.format(Locale.US, "%,.0f–%,.0f", low, high);
        return "about " + duration(totalSeconds()) + " at " + rate + " img/s measured here" + failures;
    }

    /** "40 s", "12 min", "1 h 05 min". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "an unknown time";
        }
        long total = Math.round(seconds);
        if (total < 90) {
            return total + " s";
        }
        long minutes = Math.round(seconds / 60);
        return minutes < 60 ? minutes + " min"
                : String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }
}
