package org.dmlworkbench.ui;

/** A controller of one tab of the main window. */
public interface Panel {

    /** Called when its tab becomes visible (refresh lazily computed views). */
    default void onShown() {}
}
