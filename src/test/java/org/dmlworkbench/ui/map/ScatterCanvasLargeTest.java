package org.dmlworkbench.ui.map;

import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.dmlworkbench.ui.runview.ClassPalette;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The map canvas at 100,000 points (a gallery store's map): the time of one pan or zoom step
 * (screen coordinates of every point, hit grid invalidated, every point stamped, the image
 * uploaded) and of a whole frame as the software pipeline renders the scene. The figures are
 * printed for docs/BENCHMARKS.md; the assertion is a generous bound for a shared machine.
 */
@ExtendWith(ApplicationExtension.class)
class ScatterCanvasLargeTest {

    private static final int W = 1000;
    private static final int H = 700;
    private static final int POINTS = 100_000;
    private ScatterCanvas canvas;
    private Stage stage;

    @BeforeAll
    static void screen() {
        WorkbenchWindow.useLargeHeadlessScreen();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        canvas = new ScatterCanvas();
        stage.setScene(new Scene(new StackPane(canvas), W, H));
        stage.show();
    }

    @Test
    void hundredThousandPointsPanAndZoomWithinAFrame() throws Exception {
        Random random = new Random(5);
        float[] x = new float[POINTS];
        float[] y = new float[POINTS];
        int[] colour = new int[POINTS];
        for (int i = 0; i < POINTS; i++) {
            colour[i] = i % 10;
            x[i] = (float) (Math.cos(colour[i]) * 10 + 1.5 * random.nextGaussian());
            y[i] = (float) (Math.sin(colour[i]) * 10 + 1.5 * random.nextGaussian());
        }
        onFx(() -> {
            canvas.setPoints(x, y, colour, ClassPalette.colours(10));
            return null;
        });
        long[] pan = onFx(() -> {
            long[] times = new long[60];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                canvas.pan(i % 2 == 0 ? 4 : -4, 2);
                times[i] = System.nanoTime() - start;
            }
            return times;
        });
        long[] zoom = onFx(() -> {
            long[] times = new long[60];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                canvas.zoomAround(W / 2.0, H / 2.0, i % 2 == 0 ? 1.1 : 1 / 1.1);
                times[i] = System.nanoTime() - start;
            }
            return times;
        });
        long[] frame = new long[10];
        for (int i = 0; i < frame.length; i++) {
            long start = System.nanoTime();
            onFx(() -> {
                canvas.pan(3, 0);
                return stage.getScene().snapshot(null);
            });
            frame[i] = System.nanoTime() - start;
        }
        double panMs = median(pan);
        double zoomMs = median(zoom);
        double frameMs = median(frame);
        System.out.printf(Locale.ROOT, "ScatterCanvas, %,d points on %dx%d: pan step median %.1f ms"
                + " (p90 %.1f), zoom step median %.1f ms (p90 %.1f), pan + full frame snapshot"
                + " median %.1f ms%n", POINTS, W, H, panMs, percentile(pan, 0.9), zoomMs,
                percentile(zoom, 0.9), frameMs);
        assertEquals(POINTS, canvas.size());
        assertTrue(panMs < 100 && zoomMs < 100, "pan " + panMs + " ms, zoom " + zoomMs + " ms");
        assertTrue(onFx(() -> canvas.pointAt(canvas.screenX(0), canvas.screenY(0))) >= 0);
    }

    private static double median(long[] nanos) {
        return percentile(nanos, 0.5);
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
