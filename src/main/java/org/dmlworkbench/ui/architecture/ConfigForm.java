package org.dmlworkbench.ui.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.Property;
import javafx.scene.control.Label;
import org.dmlworkbench.config.TrainingConfig;

/**
 * Two-way link between form controls and the config: a control's edit goes through
 * {@link ArchitectureViewModel#edit}, its problem shows in the label beside it, and a config change
 * from elsewhere (a preset, another panel) rewrites the controls whose value it changed. The
 * control being typed in is never rewritten under the caret.
 *
 * <p>A rejected edit leaves the config at the last value the field accepted, which may be a
 * fragment of what is being typed ("ms" on the way to "ms+ce"). So the rejected fields are
 * published ({@link ArchitectureViewModel#showProblems}): while there are any, the form does not
 * show the config, and nothing may train from it or describe it.
 */
public final class ConfigForm {

    private record Entry(FormField field, Property<String> value, Label problem) {}

    private final ArchitectureViewModel view;
    private final List<Entry> entries = new ArrayList<>();
    private boolean writing;
    private FormField editing;

    public ConfigForm(ArchitectureViewModel view, javafx.beans.value.ObservableValue<TrainingConfig> config) {
        this.view = view;
        config.addListener((obs, old, next) -> refresh(old, next));
    }

    /** Links {@code value} (a text field's text, a choice box's value...) to {@code field}. */
    public void bind(FormField field, Property<String> value, Label problem) {
        Entry entry = new Entry(field, value, problem);
        entries.add(entry);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        value.setValue(field.read(view.config()));
        value.addListener((obs, old, text) -> {
            if (!writing) {
                edited(entry, text);
            }
        });
    }

    private void edited(Entry entry, String text) {
        editing = entry.field();
        try {
            Optional<String> problem = view.edit(entry.field(), text);
            entry.problem().setText(problem.orElse(""));
            if (problem.isEmpty()) {
                retryRejected(entry);
            }
        } finally {
            editing = null;
        }
        publishProblems();
    }

    /** Tells the view-model which fields are rejected now, in form order. */
    private void publishProblems() {
        List<String> problems = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.problem().getText().isEmpty()) {
                problems.add(entry.field().title() + ": " + entry.problem().getText());
            }
        }
        view.showProblems(problems);
    }

    /** A valid edit may make another field's rejected value valid (M dividing a new batch size). */
    private void retryRejected(Entry accepted) {
        for (Entry other : entries) {
            if (other != accepted && !other.problem().getText().isEmpty()) {
                other.problem().setText(view.edit(other.field(), other.value().getValue()).orElse(""));
            }
        }
    }

    private void refresh(TrainingConfig old, TrainingConfig next) {
        writing = true;
        try {
            for (Entry entry : entries) {
                String text = entry.field().read(next);
                if (entry.field() != editing && !text.equals(entry.field().read(old))) {
                    entry.value().setValue(text);
                    entry.problem().setText("");
                }
            }
        } finally {
            writing = false;
        }
        publishProblems();
    }

    /** The problem shown beside a field ("" when none). */
    public String problem(FormField field) {
        return entries.stream().filter(e -> e.field() == field).map(e -> e.problem().getText())
                .findFirst().orElse("");
    }
}
