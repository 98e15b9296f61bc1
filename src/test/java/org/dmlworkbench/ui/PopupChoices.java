package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import org.dmlworkbench.ui.data.PanelScenes;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Picks an entry from a choice box's or combo box's popup as a user does: click the control, click
 * the entry. Looking the entry up once, straight after the click, failed now and then on a loaded
 * machine (CI saw "no node matching .context-menu .label" with only the panel's own window in the
 * scene graph): the popup window had not been shown yet, or the click landed while the control was
 * still being laid out and never opened it. So this waits for the popup and the entry, and clicks
 * the control again only when the popup is not showing (a second click on a showing popup would
 * close it).
 */
public final class PopupChoices {

    private static final int ATTEMPTS = 3;
    private static final int SECONDS_PER_ATTEMPT = 10;

    private PopupChoices() {}

    /** Opens the popup of the choice box or combo box {@code controlQuery} finds and clicks {@code shown}. */
    public static void pick(FxRobot robot, String controlQuery, String shown) {
        PanelScenes.reveal(robot, controlQuery);
        Node control = fxNode(() -> robot.lookup(controlQuery).query());
        String entries = control instanceof ChoiceBox<?> ? ".context-menu .label" : ".combo-box-popup .list-cell";
        // An editable combo box takes a click on its text as typing; its arrow opens the list.
        Node opener = control instanceof ChoiceBox<?> ? control : fxNode(() -> control.lookup(".arrow-button"));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (!fxValue(() -> showing(control))) {
                robot.clickOn(opener);
            }
            Optional<Labeled> entry = waitForEntry(robot, entries, shown);
            if (entry.isPresent()) {
                robot.clickOn(entry.get());
                WaitForAsyncUtils.waitForFxEvents();
                return;
            }
        }
        throw new AssertionError("the popup of " + controlQuery + " never showed \"" + shown + "\" in "
                + ATTEMPTS + " tries of " + SECONDS_PER_ATTEMPT + " s");
    }

    private static Optional<Labeled> waitForEntry(FxRobot robot, String entries, String shown) {
        try {
            WaitForAsyncUtils.waitFor(SECONDS_PER_ATTEMPT, TimeUnit.SECONDS,
                    () -> find(robot, entries, shown).isPresent());
            return find(robot, entries, shown);
        } catch (TimeoutException notShown) {
            return Optional.empty();
        }
    }

    private static Optional<Labeled> find(FxRobot robot, String entries, String shown) {
        return fxValue(() -> robot.lookup(entries).queryAllAs(Labeled.class).stream()
                .filter(label -> shown.equals(label.getText()) && label.isVisible()
                        && label.getScene() != null && label.getScene().getWindow() != null
                        && label.getScene().getWindow().isShowing())
                .findFirst());
    }

    private static boolean showing(Node control) {
        if (control instanceof ChoiceBox<?> choice) {
            return choice.isShowing();
        }
        if (control instanceof ComboBoxBase<?> combo) {
            return combo.isShowing();
        }
        throw new IllegalArgumentException(control + " is neither a choice box nor a combo box");
    }
}
