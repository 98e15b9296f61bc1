package org.dmlworkbench.ui;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs a TestFX node lookup on the JavaFX thread. {@code robot.lookup(...)} walks the scene
 * graph from whatever thread calls it; from the test thread it raced with the window changing its
 * children (a panel attached, a form label shown) and failed now and then with an
 * IndexOutOfBoundsException inside {@code Parent.lookupAll}. Every lookup of the window tests goes
 * through here.
 */
public final class FxLookups {

    private FxLookups() {}

    /**
     * A node looked up on the JavaFX thread, typed as the caller needs it (as TestFX's own
     * {@code query()} is): {@code Node} when used as a receiver, the target type when assigned.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Node> T fxNode(Supplier<? extends Node> lookup) {
        return (T) fxValue(lookup);
    }

    /** A node to click or point at, looked up on the JavaFX thread. */
    public static Node fxFind(Supplier<? extends Node> lookup) {
        return fxValue(lookup);
    }

    /** Any lookup result (a set of nodes, an optional node) computed on the JavaFX thread. */
    public static <T> T fxValue(Supplier<T> lookup) {
        if (Platform.isFxApplicationThread()) {
            return lookup.get();
        }
        return WaitForAsyncUtils.waitForAsyncFx(60_000, lookup::get);
    }
}
