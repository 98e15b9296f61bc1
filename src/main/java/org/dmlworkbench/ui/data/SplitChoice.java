package org.dmlworkbench.ui.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.dmlworkbench.data.ClassListFile;
import org.dmlworkbench.data.SplitSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.UiErrors;
import org.dmlworkbench.ui.WorkbenchModel;

/**
 * The Data panel's split choice (auto, images, classes with a fraction or a test-class file),
 * read into the engine's {@link SplitSpec} and written to the workbench's config, so a run
 * started from the window records it. A choice that cannot be read keeps the config's last valid
 * split and is published as the choice's problem: Start waits while there is one. Used on the
 * JavaFX thread only.
 */
public final class SplitChoice {

    private final WorkbenchModel model;
    private final ObjectProperty<String> mode = new SimpleObjectProperty<>("auto");
    private final StringProperty fraction = new SimpleStringProperty(fractionText(SplitSpec.DEFAULT_TRAIN_FRACTION));
    private final StringProperty classFile = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private boolean writing;

    public SplitChoice(WorkbenchModel model) {
        this.model = model;
        show(model.configProperty().get().split());
        mode.addListener((obs, old, now) -> edited());
        fraction.addListener((obs, old, now) -> edited());
        classFile.addListener((obs, old, now) -> edited());
        // A config set elsewhere (a run's settings, automation) shows here, unless it is ours.
        model.configProperty().addListener((obs, old, config) -> {
            if (!writing && !config.split().equals(old.split())) {
                show(config.split());
            }
        });
    }

    /**
     * The spec the fields describe.
     *
     * @throws IllegalArgumentException one sentence naming the field and what is wrong
     */
    static SplitSpec read(String mode, String fraction, String classFile) {
        String chosen = mode == null ? "auto" : mode;
        if (!chosen.equals("classes")) {
            return new SplitSpec(chosen, 0, null, null);
        }
        String file = classFile == null ? "" : classFile.strip();
        if (!file.isEmpty()) {
            Path path;
            try {
                path = Path.of(file);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("test classes file '" + file + "' is not a file path");
            }
            return SplitSpec.testClasses(ClassListFile.read(path), path.toString());
        }
        double trainFraction;
        try {
            trainFraction = Double.parseDouble(fraction == null ? "" : fraction.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training classes: '" + (fraction == null ? "" : fraction.strip())
                    + "' is not a number; give the fraction of the classes that trains, e.g. 0.5");
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("training classes must be a fraction between 0 and 1"
                    + " (exclusive), got " + fraction.strip());
        }
        return SplitSpec.classes(trainFraction);
    }

    private void edited() {
        if (writing) {
            return;
        }
        SplitSpec spec;
        try {
            spec = read(mode.get(), fraction.get(), classFile.get());
        } catch (RuntimeException e) {
            problem.set(UiErrors.describe(e));
            return;
        }
        problem.set("");
        TrainingConfig config = model.configProperty().get();
        if (!spec.equals(config.split())) {
            writing = true;
            try {
                model.configProperty().set(config.toBuilder().split(spec).build());
            } finally {
                writing = false;
            }
        }
    }

    /** Writes {@code spec} into the fields without treating it as an edit. */
    private void show(SplitSpec spec) {
        writing = true;
        try {
            mode.set(spec.mode());
            fraction.set(fractionText(spec.trainFraction()));
            classFile.set(Optional.ofNullable(spec.testClassesFile()).orElse(""));
            problem.set("");
        } finally {
            writing = false;
        }
    }

    private static String fractionText(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** auto, images or classes. */
    public ObjectProperty<String> modeProperty() {
        return mode;
    }

    /** With classes: the fraction of the classes that trains, as typed. */
    public StringProperty fractionProperty() {
        return fraction;
    }

    /** With classes: a file naming the test classes, one per line; "" to use the fraction. */
    public StringProperty classFileProperty() {
        return classFile;
    }

    /** Why the fields cannot be read, one sentence, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
