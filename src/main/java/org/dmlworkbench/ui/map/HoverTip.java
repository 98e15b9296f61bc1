package org.dmlworkbench.ui.map;

import java.util.function.IntFunction;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * The small overlay a {@link ScatterCanvas} shows next to a hovered point (thumbnail and label),
 * placed beside the cursor and kept inside the canvas. It never takes the mouse.
 */
final class HoverTip {

    private final Pane overlay = new Pane();
    private IntFunction<Node> nodeFactory = index -> null;

    HoverTip() {
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
    }

    /** The overlay pane, laid over the whole canvas. */
    Pane pane() {
        return overlay;
    }

    /** Builds the overlay's content for a point index; null shows nothing. */
    void setNodeFactory(IntFunction<Node> factory) {
        nodeFactory = factory;
    }

    /** Shows the overlay of point {@code index} (-1: none). */
    void show(int index) {
        Node node = index < 0 ? null : nodeFactory.apply(index);
        if (node == null) {
            overlay.getChildren().clear();
        } else {
            overlay.getChildren().setAll(node);
        }
    }

    /** Moves the overlay next to (localX, localY), inside a width x height canvas. */
    void placeNear(double localX, double localY, double width, double height) {
        if (!overlay.getChildren().isEmpty()) {
            Node node = overlay.getChildren().get(0);
            node.autosize();
            double w = node.getLayoutBounds().getWidth();
            double h = node.getLayoutBounds().getHeight();
            double left = localX + 16 + w > width ? localX - 16 - w : localX + 16;
            double top = Math.max(0, Math.min(height - h, localY + 16));
            node.relocate(Math.max(0, left), top);
        }
    }
}
