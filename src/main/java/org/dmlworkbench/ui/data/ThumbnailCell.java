package org.dmlworkbench.ui.data;

import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import org.controlsfx.control.GridCell;

/**
 * A grid cell showing one thumbnail with its source in a tooltip. Thumbnails come pre-enlarged
 * (see {@link Thumbnails}) and are drawn pixel for pixel; only images larger than the cell are
 * scaled, and those down, with smoothing.
 */
public final class ThumbnailCell extends GridCell<Thumbnail> {

    private final ImageView view = new ImageView();
    private final Tooltip tooltip = new Tooltip();

    public ThumbnailCell() {
        getStyleClass().add("thumbnail-cell");
        view.setPreserveRatio(true);
    }

    @Override
    protected void updateItem(Thumbnail item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        boolean tooLarge = Math.max(item.image().getWidth(), item.image().getHeight()) > Thumbnails.TARGET_EDGE;
        view.setSmooth(tooLarge);
        view.setFitWidth(tooLarge ? Thumbnails.TARGET_EDGE : 0);
        view.setFitHeight(tooLarge ? Thumbnails.TARGET_EDGE : 0);
        view.setImage(item.image());
        tooltip.setText(item.description());
        setGraphic(view);
        setTooltip(tooltip);
    }
}
