package org.dmlworkbench.ui.architecture;

import org.dmlworkbench.config.TrainingConfig;

/**
 * One editable setting of a {@link TrainingConfig}, read from and written to text; what a
 * {@link ConfigForm} binds. The model and training settings are {@link ConfigField}, the input and
 * starting weights {@link InputField}.
 */
public interface FormField {

    /** The field's name as the form labels it, e.g. "Learning rate". */
    String title();

    /** The setting's current value as the field shows it. */
    String read(TrainingConfig config);

    /**
     * A copy of {@code config} with this setting read from {@code text}.
     *
     * @throws IllegalArgumentException with a message fit to show next to the field
     */
    TrainingConfig write(TrainingConfig config, String text);
}
