package org.dmlworkbench.ui.query;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.dmlworkbench.ui.runview.Thumbnails;

/** The view of one query's answer: the query on the left, its neighbours as a wrapping grid. */
public final class QueryViews {

    static final double PREVIEW = 112;
    static final double MODEL_INPUT = 56;
    static final double HIT = 72;
    static final double SUMMARY_WIDTH = 250;

    private QueryViews() {}

    public static Node row(QueryOutcome outcome) {
        Label name = new Label(outcome.name());
        name.getStyleClass().add("query-name");
        name.setTooltip(new Tooltip(outcome.name()));
        Label modelCaption = new Label("model input");
        modelCaption.getStyleClass().add("thumbnail-caption");
        VBox modelInput = new VBox(2, Thumbnails.view(outcome.modelInput(), MODEL_INPUT), modelCaption);
        modelInput.setAlignment(Pos.BOTTOM_CENTER);
        HBox images = new HBox(10, Thumbnails.view(outcome.preview(), PREVIEW), modelInput);
        images.setAlignment(Pos.BOTTOM_LEFT);

        Label label = new Label(outcome.hasLabel() ? "Class: " + outcome.className()
                : "Class unknown (put the file in a class folder to get a precision)");
        label.setWrapText(true);
        label.getStyleClass().add("query-class");
        Label precision = new Label(precisionText(outcome));
        precision.getStyleClass().addAll("badge", precisionStyle(outcome));
        precision.setVisible(outcome.hasLabel());
        precision.setManaged(outcome.hasLabel());
        Label conversion = new Label(capitalise(outcome.conversion())
                + (outcome.leftOutItself() ? "; the image itself is in the gallery and was left out" : ""));
        conversion.setWrapText(true);
        conversion.getStyleClass().addAll("hint", "query-conversion");

        VBox summary = new VBox(6, images, name, label, precision, conversion);
        summary.getStyleClass().add("query-summary");
        summary.setMinWidth(SUMMARY_WIDTH);
        summary.setPrefWidth(SUMMARY_WIDTH);
        summary.setMaxWidth(SUMMARY_WIDTH);

        FlowPane hits = new FlowPane(8, 8);
        hits.getStyleClass().add("query-hits");
        int rank = 0;
        for (QueryOutcome.Hit hit : outcome.hits()) {
            hits.getChildren().add(hitTile(outcome, hit, ++rank));
        }
        HBox.setHgrow(hits, Priority.ALWAYS);
        hits.setMinWidth(0);
        hits.prefWrapLengthProperty().bind(hits.widthProperty());
        HBox row = new HBox(16, summary, hits);
        row.getStyleClass().add("query-row");
        return row;
    }

    private static Node hitTile(QueryOutcome outcome, QueryOutcome.Hit hit, int rank) {
        Label name = new Label(rank + ". " + hit.className());
        name.getStyleClass().add("query-hit-class");
        if (outcome.hasLabel() && hit.label() != outcome.label()) {
            name.getStyleClass().add("query-hit-other");
        }
        name.setMaxWidth(HIT + 12);
        Label distance = new Label(String.format(Locale.ROOT, "d %.3f", hit.distance()));
        distance.getStyleClass().add("thumbnail-caption");
        VBox tile = new VBox(2, Thumbnails.view(hit.thumbnail(), HIT), name, distance);
        tile.setAlignment(Pos.TOP_CENTER);
        tile.getStyleClass().add("query-hit");
        Tooltip.install(tile, new Tooltip(outcome.gallery() + " #" + hit.index() + " · "
                + hit.className() + String.format(Locale.ROOT, " · distance %.4f", hit.distance())));
        return tile;
    }

    static String precisionText(QueryOutcome outcome) {
        if (!outcome.hasLabel() || Double.isNaN(outcome.precision())) {
            return "";
        }
        return String.format(Locale.ROOT, "Precision@%d for %s: %.2f", outcome.hits().size(),
                outcome.className(), outcome.precision());
    }

    private static String precisionStyle(QueryOutcome outcome) {
        return outcome.precision() >= 0.5 ? "badge-good" : "badge-warn";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
