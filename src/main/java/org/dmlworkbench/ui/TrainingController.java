package org.dmlworkbench.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.training.ChartSupport;
import org.dmlworkbench.ui.training.Metric;
import org.dmlworkbench.ui.training.MetricsStrip;
import org.dmlworkbench.ui.training.TrainingCurves;
import org.dmlworkbench.ui.training.TrainingDisplay;
import org.dmlworkbench.ui.training.TrainingViewModel;
import org.dmlworkbench.ui.training.TrainingViewModel.State;

/**
 * The Training tab: Start / Pause / Resume / Stop, progress, the live loss and metric charts and
 * the outcome. A thin binding of {@link TrainingViewModel}, which does the work.
 */
public final class TrainingController implements Panel {

    private final WorkbenchModel model;
    private final TrainingViewModel viewModel;

    @FXML
    private Button startButton;
    @FXML
    private Button pauseButton;
    @FXML
    private Button resumeButton;
    @FXML
    private Button stopButton;
    @FXML
    private ProgressBar trainingProgress;
    @FXML
    private Label progressLabel;
    @FXML
    private Label deviceLabel;
    @FXML
    private Label outcomeLabel;
    @FXML
    private Label runNameLabel;
    @FXML
    private Label configLabel;
    @FXML
    private Label formBatchesLabel;
    @FXML
    private Label runBatchesLabel;
    @FXML
    private HBox metricsStrip;
    @FXML
    private LineChart<Number, Number> lossChart;
    @FXML
    private LineChart<Number, Number> metricsChart;
    @FXML
    private NumberAxis lossXAxis;
    @FXML
    private NumberAxis metricsXAxis;
    @FXML
    private NumberAxis lossYAxis;

    public TrainingController(WorkbenchModel model) {
        this.model = model;
        this.viewModel = TrainingViewModel.of(model);
    }

    @FXML
    private void initialize() {
        TrainingDisplay display = viewModel.display();
        var state = viewModel.stateProperty();
        startButton.disableProperty().bind(viewModel.canStartProperty().not());
        pauseButton.disableProperty().bind(state.isNotEqualTo(State.RUNNING));
        resumeButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !canResume(),
                state, viewModel.resumableRunProperty(), viewModel.otherJobTrainingProperty()));
        stopButton.disableProperty().bind(state.isEqualTo(State.IDLE).or(state.isEqualTo(State.STOPPING)));
        Tooltip resumeTip = new Tooltip();
        resumeTip.textProperty().bind(Bindings.when(state.isEqualTo(State.PAUSED))
                .then("Continue the paused training")
                .otherwise("Continue the stopped run on show from its checkpoint"));
        resumeButton.setTooltip(resumeTip);

        trainingProgress.progressProperty().bind(display.progressProperty());
        progressLabel.textProperty().bind(display.progressTextProperty());
        deviceLabel.textProperty().bind(Bindings.when(display.deviceProperty().isEmpty())
                .then("Device: …").otherwise(Bindings.concat("Device: ", display.deviceProperty())));
        runNameLabel.textProperty().bind(Bindings.when(display.runNameProperty().isEmpty())
                .then("No run yet").otherwise(display.runNameProperty()));
        configLabel.textProperty().bind(display.configSummaryProperty());
        formBatchesLabel.textProperty().bind(display.formBatchesProperty());
        runBatchesLabel.textProperty().bind(display.runBatchesProperty());
        for (Label label : new Label[] {formBatchesLabel, runBatchesLabel}) {
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
            label.managedProperty().bind(label.visibleProperty());
        }
        outcomeLabel.textProperty().bind(display.outcomeTextProperty());
        display.outcomeKindProperty().addListener((obs, old, kind) -> styleOutcome(kind));
        styleOutcome(display.outcomeKindProperty().get());

        TrainingCurves curves = viewModel.curves();
        lossChart.getData().add(new XYChart.Series<>("loss per step", curves.rawLoss()));
        lossChart.getData().add(new XYChart.Series<>("smoothed", curves.smoothedLoss()));
        var epochMeans = ChartSupport.withSymbols(curves.epochLoss());
        lossChart.getData().add(new XYChart.Series<>("epoch mean", epochMeans));
        for (Metric metric : Metric.values()) {
            metricsChart.getData().add(new XYChart.Series<>(metric.label(), curves.metric(metric)));
        }
        ChartSupport.eraseLinesWhenEmptied(lossChart);
        ChartSupport.eraseLinesWhenEmptied(metricsChart);
        ChartSupport.followRange(lossYAxis, curves.rawLoss(), curves.smoothedLoss(), epochMeans);
        display.epochsProperty().addListener((obs, old, epochs) -> fitEpochAxes(epochs.intValue()));
        fitEpochAxes(display.epochsProperty().get());
        new MetricsStrip(metricsStrip, curves.rows());
    }

    @Override
    public void onShown() {
        viewModel.detectDevice();
    }

    private boolean canResume() {
        State now = viewModel.stateProperty().get();
        return now == State.PAUSED || (now == State.IDLE && viewModel.resumableRunProperty().get() != null
                && !viewModel.otherJobTrainingProperty().get());
    }

    private void styleOutcome(String kind) {
        outcomeLabel.getStyleClass().removeAll("outcome-good", "outcome-warn", "outcome-error");
        if (kind != null && !kind.isEmpty()) {
            outcomeLabel.getStyleClass().add("outcome-" + kind);
        }
    }

    private void fitEpochAxes(int epochs) {
        ChartSupport.fitEpochAxis(lossXAxis, epochs, false);
        ChartSupport.fitEpochAxis(metricsXAxis, epochs, true);
    }

    @FXML
    private void start() {
        try {
            startTraining();
        } catch (RuntimeException e) {
            model.jobs().say("Cannot start training: " + UiErrors.describe(e));
        }
    }

    @FXML
    private void pause() {
        viewModel.pause();
    }

    @FXML
    private void resume() {
        if (viewModel.stateProperty().get() == State.PAUSED) {
            viewModel.resume();
        } else if (viewModel.resumableRunProperty().get() != null) {
            resumeRun(viewModel.resumableRunProperty().get());
        }
    }

    @FXML
    private void stop() {
        stopTraining();
    }

    // ---- for automation, tests and the Runs panel ----------------------------------------------

    /** Starts training the model's config on the loaded data; the new run becomes the active run. */
    public RunDirectory startTraining() {
        return viewModel.start(null);
    }

    /** Starts training {@code config} (instead of the model's) on the loaded data. */
    public RunDirectory startTraining(TrainingConfig config) {
        return viewModel.start(config);
    }

    /** Stops after the current step; the run keeps a checkpoint and a model and can be resumed. */
    public void stopTraining() {
        viewModel.stop();
    }

    public void pauseTraining() {
        viewModel.pause();
    }

    public void resumeTraining() {
        viewModel.resume();
    }

    /** Continues a stopped or interrupted run from its checkpoint. */
    public void resumeRun(RunDirectory run) {
        try {
            viewModel.resumeRun(run);
        } catch (RuntimeException e) {
            model.jobs().say("Cannot resume " + run.name() + ": " + UiErrors.describe(e));
        }
    }

    /** True from Start until the training thread has ended. */
    public ReadOnlyBooleanProperty runningProperty() {
        return viewModel.runningProperty();
    }

    /** How the last training in this window ended (null until one ends). */
    public ReadOnlyObjectProperty<TrainingOutcome> outcomeProperty() {
        return viewModel.outcomeProperty();
    }

    public TrainingViewModel viewModel() {
        return viewModel;
    }
}
