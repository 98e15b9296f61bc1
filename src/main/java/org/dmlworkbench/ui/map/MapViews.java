package org.dmlworkbench.ui.map;

import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.controlsfx.control.GridCell;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.ui.runview.Thumbnails;

/** The small views of the map panel: hover card, neighbour row, selection tile, legend row. */
public final class MapViews {

    static final double NEIGHBOUR_THUMB = 40;
    static final double TILE_THUMB = 56;
    static final double HOVER_THUMB = 72;

    private MapViews() {}

    /** Thumbnail, class and where the point comes from, shown next to the cursor. */
    public static Node hoverCard(MapData data, int point) {
        int image = data.imageIndex(point);
        Label name = new Label(data.className(point));
        name.getStyleClass().add("map-hover-title");
        String detail = data.run().split() + " #" + image
                + (data.isWrong(point) ? " · 1-NN wrong" : "");
        Label caption = new Label(detail);
        caption.getStyleClass().add("thumbnail-caption");
        VBox card = new VBox(4, Thumbnails.view(Thumbnails.of(data.run().points(), image), HOVER_THUMB),
                name, caption);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("map-hover-card");
        return card;
    }

    /** One coloured legend row: swatch, name, count. */
    public static Node legendEntry(MapViewModel.LegendEntry entry) {
        Rectangle swatch = new Rectangle(12, 12, entry.colour());
        swatch.setArcWidth(4);
        swatch.setArcHeight(4);
        Label name = new Label(entry.name());
        name.getStyleClass().add("map-legend-name");
        Label count = new Label(String.format(Locale.ROOT, "%,d", entry.count()));
        count.getStyleClass().add("thumbnail-caption");
        HBox row = new HBox(6, swatch, name, count);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("map-legend-entry");
        return row;
    }

    /** A list cell for the neighbours of the point {@code selected} returns. */
    public static ListCell<Neighbor> neighbourCell(Supplier<MapData> map, Supplier<Integer> selected) {
        return new NeighbourCell(map, selected);
    }

    /** A grid cell for selected map points. */
    public static GridCell<Integer> selectionCell(Supplier<MapData> map) {
        return new SelectionCell(map);
    }

    /** A neighbour of the clicked point: thumbnail, class (flagged when it differs), distance. */
    private static final class NeighbourCell extends ListCell<Neighbor> {
        private final Supplier<MapData> map;
        private final Supplier<Integer> selected;

        NeighbourCell(Supplier<MapData> map, Supplier<Integer> selected) {
            this.map = map;
            this.selected = selected;
        }

        @Override
        protected void updateItem(Neighbor item, boolean empty) {
            super.updateItem(item, empty);
            MapData data = map.get();
            if (empty || item == null || data == null || item.index() >= data.size()) {
                setGraphic(null);
                setText(null);
                return;
            }
            int point = item.index();
            Label name = new Label((getIndex() + 1) + ". " + data.className(point));
            name.getStyleClass().add("map-legend-name");
            Integer query = selected.get();
            boolean other = query != null && query >= 0 && query < data.size()
                    && data.label(query) != data.label(point);
            if (other) {
                name.getStyleClass().add("map-neighbour-other");
            }
            Label distance = new Label(String.format(Locale.ROOT, "distance %.3f%s", item.distance(),
                    other ? " · other class" : ""));
            distance.getStyleClass().add("thumbnail-caption");
            Rectangle swatch = new Rectangle(8, 8, org.dmlworkbench.ui.runview.ClassPalette.colour(
                    data.label(point)));
            HBox title = new HBox(5, swatch, name);
            title.setAlignment(Pos.CENTER_LEFT);
            HBox row = new HBox(8, Thumbnails.view(Thumbnails.of(data.run().points(),
                    data.imageIndex(point)), NEIGHBOUR_THUMB), new VBox(2, title, distance));
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }

    /** A selected image: thumbnail and class. */
    private static final class SelectionCell extends GridCell<Integer> {
        private final Supplier<MapData> map;

        SelectionCell(Supplier<MapData> map) {
            this.map = map;
        }

        @Override
        protected void updateItem(Integer point, boolean empty) {
            super.updateItem(point, empty);
            MapData data = map.get();
            if (empty || point == null || data == null || point >= data.size()) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(data.className(point));
            name.getStyleClass().add("thumbnail-caption");
            name.setMaxWidth(TILE_THUMB + 8);
            if (data.isWrong(point)) {
                name.getStyleClass().add("map-neighbour-other");
            }
            VBox tile = new VBox(2, Thumbnails.view(Thumbnails.of(data.run().points(),
                    data.imageIndex(point)), TILE_THUMB), name);
            tile.setAlignment(Pos.TOP_CENTER);
            setText(null);
            setGraphic(tile);
        }
    }
}
