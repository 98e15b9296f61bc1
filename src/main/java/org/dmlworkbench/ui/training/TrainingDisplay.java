package org.dmlworkbench.ui.training;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The texts and numbers the Training panel shows about the run on show; set by the view-model. */
public final class TrainingDisplay {

    final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("Not started");
    final ReadOnlyStringWrapper outcomeText = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper outcomeKind = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper runName = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper configSummary = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper formBatches = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper runBatches = new ReadOnlyStringWrapper("");
    final ReadOnlyIntegerWrapper epochs = new ReadOnlyIntegerWrapper(1);

    TrainingDisplay() {}

    /** Share of the run's steps done; -1 while preparing. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "epoch 2/5 · step 120/468 · 1,834 img/s · ETA 0:42" while training. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** How the run ended or stands, one sentence; empty while training. */
    public ReadOnlyStringProperty outcomeTextProperty() {
        return outcomeText.getReadOnlyProperty();
    }

    /** "good", "warn", "error" or "" (nothing to say). */
    public ReadOnlyStringProperty outcomeKindProperty() {
        return outcomeKind.getReadOnlyProperty();
    }

    /** The device training runs on, e.g. "CPU (PyTorch 2.7.1)"; empty until known. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runNameProperty() {
        return runName.getReadOnlyProperty();
    }

    /** What Start would train, or why it cannot. */
    public ReadOnlyStringProperty configSummaryProperty() {
        return configSummary.getReadOnlyProperty();
    }

    /** Epochs of the run on show (the charts' x range). */
    public ReadOnlyIntegerProperty epochsProperty() {
        return epochs.getReadOnlyProperty();
    }

    /** What a batch of the config Start would train holds, as its sampler resolves it; "" without data. */
    public ReadOnlyStringProperty formBatchesProperty() {
        return formBatches.getReadOnlyProperty();
    }

    /** What a batch of the run on show held, from its manifest; "" when no run is on show. */
    public ReadOnlyStringProperty runBatchesProperty() {
        return runBatches.getReadOnlyProperty();
    }
}
