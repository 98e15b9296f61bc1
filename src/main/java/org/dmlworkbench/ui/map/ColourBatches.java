package org.dmlworkbench.ui.map;

/**
 * The order a scatter plot draws its points in, grouped by colour: each batch is drawn with one
 * colour, later batches on top; points of colour -1 are hidden and left out.
 *
 * @param drawOrder the shown points, colour by colour
 * @param rank each point's place in {@code drawOrder}, or -1 for a hidden point
 */
record ColourBatches(int[] drawOrder, int[] rank) {

    /** Sorts the points by colour, a counting sort; {@code colours} index a palette of that size. */
    static ColourBatches of(int[] colours, int paletteSize) {
        int[] start = new int[paletteSize + 1];
        for (int c : colours) {
            if (c >= 0) {
                start[c + 1]++;
            }
        }
        for (int c = 0; c < paletteSize; c++) {
            start[c + 1] += start[c];
        }
        int[] drawOrder = new int[start[paletteSize]];
        int[] rank = new int[colours.length];
        java.util.Arrays.fill(rank, -1);
        for (int i = 0; i < colours.length; i++) {
            if (colours[i] >= 0) {
                rank[i] = start[colours[i]];
                drawOrder[start[colours[i]]++] = i;
            }
        }
        return new ColourBatches(drawOrder, rank);
    }
}
