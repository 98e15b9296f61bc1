package org.dmlworkbench.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class PointRasterTest {

    @Test
    void anOpaqueDiscCoversItsCentreAndNothingBeyondItsRadius() {
        PointRaster raster = new PointRaster();
        raster.resize(20, 20);
        PointRaster.Mask disc = PointRaster.Mask.of(3, 0);
        // The centre of pixel (10, 10) is (10.5, 10.5).
        raster.stamp(10.5f, 10.5f, disc, Color.rgb(255, 0, 0));
        assertEquals(255, raster.channel(10, 10, 0));
        assertEquals(255, raster.channel(10, 10, 1));
        assertEquals(0, raster.channel(10, 10, 2));
        assertEquals(255, raster.channel(12, 10, 0), "2 px from the centre is inside radius 3");
        assertEquals(0, raster.channel(14, 10, 0), "4 px away is outside");
        assertEquals(0, raster.channel(13, 13, 0), "the corner of the 7x7 mask is outside the disc");
    }

    @Test
    void halfTransparentColoursBlendSourceOverInPremultipliedForm() {
        PointRaster raster = new PointRaster();
        raster.resize(5, 5);
        // Radius 0.6 covers all 4x4 samples of the centre pixel (the farthest is 0.53 away) and
        // none of its neighbours' (the nearest is 0.625 away).
        PointRaster.Mask dot = PointRaster.Mask.of(0.6, 0);
        raster.stamp(2.5f, 2.5f, dot, Color.rgb(0, 0, 255, 1.0));
        raster.stamp(2.5f, 2.5f, dot, Color.rgb(255, 0, 0, 0.5));
        // Red at alpha 0.5 over opaque blue: alpha 255, red 255 * 0.5 = 127.5 -> 128,
        // blue 255 * (1 - 0.5) = 127.5 -> 128 (rounded half up).
        assertEquals(255, raster.channel(2, 2, 0));
        assertEquals(128, raster.channel(2, 2, 1));
        assertEquals(0, raster.channel(2, 2, 2));
        assertEquals(128, raster.channel(2, 2, 3));
    }

    @Test
    void stampsPartlyOffTheBufferAreClipped() {
        PointRaster raster = new PointRaster();
        raster.resize(4, 4);
        PointRaster.Mask disc = PointRaster.Mask.of(2, 0);
        raster.stamp(0.5f, 0.5f, disc, Color.WHITE);
        raster.stamp(-50, 3, disc, Color.WHITE);
        assertEquals(255, raster.channel(0, 0, 0));
        assertEquals(0, raster.channel(3, 3, 0));
    }
}
