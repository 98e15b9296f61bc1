package org.dmlworkbench.ui.data;

import javafx.scene.image.Image;

/**
 * One cell of the thumbnail grid.
 *
 * @param index the image's position in its split
 * @param description what the tooltip says: split, index and source file when known
 */
public record Thumbnail(Image image, int index, String description) {}
