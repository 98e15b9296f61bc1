package org.dmlworkbench.guided;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunLock;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.training.Devices;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.training.NonFiniteLossException;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;

/**
 * {@code train --method guided}: trains the GEMINI master into RUN/master/ (unless a complete
 * master is already there or named by guided.master-dir), then the student as the run's own model
 * with {@link MetricTrainer} and a {@link GuidedStudentStep}, so the run's metrics, model.params,
 * eval, query and map all belong to the student.
 *
 * <p>The student is built without L2 normalisation (it regresses unnormalised master
 * coordinates); the run's config records that and the master's folder. Stop and resume: a stop
 * during the master stage discards that stage and a resume trains the master again from its
 * start; a stop during the student stage keeps MetricTrainer's checkpoint and a resume continues
 * the student from it with the saved master.
 */
public final class GuidedPipeline implements org.dmlworkbench.training.TrainingJob {

    private final RunDirectory run;
    private final RunManifest manifest;
    private final Dataset dataset;
    private final TrainingObserver observer;
    private final TrainingControl control;
    private final MetricTrainer student;

    private GuidedPipeline(RunDirectory run, MetricTrainer student, Dataset dataset,
            TrainingObserver observer, TrainingControl control) {
        this.run = run;
        this.student = student;
        this.manifest = student.manifest();
        this.dataset = dataset;
        this.observer = observer;
        this.control = control;
    }

    /** A new guided run in {@code run}; writes its config (refusing to overwrite a run). */
    public static GuidedPipeline create(RunDirectory run, TrainingConfig config, Dataset dataset,
            TrainingObserver observer, TrainingControl control) throws IOException {
        TrainingConfig resolved = studentConfig(config, run);
        return new GuidedPipeline(run, MetricTrainer.create(run, resolved, dataset, observer, control),
                dataset, observer, control);
    }

    /** Continues a guided run: the master stage if it never completed, then the student. */
    public static GuidedPipeline resume(RunDirectory run, Dataset dataset, TrainingObserver observer,
            TrainingControl control) throws IOException {
        return new GuidedPipeline(run, MetricTrainer.resume(run, dataset, observer, control), dataset,
                observer, control);
    }

    /**
     * The config the run records: the student unnormalised, and the master's folder (RUN/master
     * unless the user named one).
     */
    static TrainingConfig studentConfig(TrainingConfig config, RunDirectory run) {
        if (!config.method().equals(GuidedDml.NAME)) {
            throw new IllegalArgumentException("GuidedPipeline runs --method guided, not "
                    + config.method());
        }
        Map<String, String> params = new LinkedHashMap<>(config.methodParams());
        if (GuidedSettings.from(params).masterDir() == null) {
            params.put(GuidedSettings.MASTER_DIR, MasterFiles.defaultFolder(run).toString());
        }
        return config.toBuilder()
                .model(config.model().withNormalizeEmbedding(false))
                .method(GuidedDml.NAME, config.teacherRun(), params)
                .build();
    }

    @Override
    public RunManifest manifest() {
        return manifest;
    }

    /** Holds the run's lock over both stages; a failure of the master stage is recorded too. */
    @Override
    public TrainingOutcome run() throws IOException {
        try (RunLock lock = RunLock.acquire(run)) {
            try {
                return trainBothStages();
            } catch (IOException | RuntimeException e) {
                if (!run.readStatus().state().equals(RunStatus.State.FAILED)) {
                    run.writeStatus(RunStatus.State.FAILED, e.getMessage() != null ? e.getMessage()
                            : e.getClass().getSimpleName(), 0, manifest.config().epochs());
                }
                throw e;
            }
        }
    }

    private TrainingOutcome trainBothStages() throws IOException {
        TrainingConfig config = manifest.config();
        GuidedSettings settings = GuidedSettings.from(config.methodParams());
        MasterFiles files = new MasterFiles(settings.masterDir());
        if (!files.complete()) {
            run.writeStatus(RunStatus.State.RUNNING, "training the guided master", 0, config.epochs());
            MasterTraining stage = new MasterTraining(dataset.train(), manifest.normalization(),
                    settings, config.model().embeddingDim(), config.seed(),
                    Devices.resolve(config.device()));
            MasterTraining.Result result;
            try {
                result = stage.run(files, control, observer);
            } catch (NonFiniteLossException e) {
                run.writeStatus(RunStatus.State.FAILED, e.getMessage(), 0, config.epochs());
                TrainingOutcome outcome = new TrainingOutcome(TrainingOutcome.Status.FAILED,
                        e.getMessage(), 0, null);
                observer.onFinish(outcome);
                return outcome;
            }
            if (result.stopped()) {
                String message = "stopped during the guided master stage (it restarts from its"
                        + " beginning); resume with 'train --resume " + run.root() + "'";
                run.writeStatus(RunStatus.State.STOPPED, message, 0, config.epochs());
                TrainingOutcome outcome = new TrainingOutcome(TrainingOutcome.Status.STOPPED, message,
                        0, null);
                observer.onFinish(outcome);
                return outcome;
            }
        }
        return student.run();
    }
}
