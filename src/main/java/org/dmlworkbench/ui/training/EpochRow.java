package org.dmlworkbench.ui.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.run.MetricsLog;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainingObserver;
import tech.tablesaw.api.Table;

/**
 * One epoch of a run's curves, as metrics.csv holds it; metrics are NaN for an epoch that was
 * not evaluated.
 *
 * @param epoch 1-based epoch
 */
public record EpochRow(int epoch, double trainLoss, double precisionAt1, double rPrecision,
        double mapAtR, double nmi) {

    public static EpochRow of(TrainingObserver.Epoch epoch) {
        RetrievalMetrics m = epoch.metrics();
        if (m == null) {
            return new EpochRow(epoch.epoch() + 1, epoch.trainLoss(), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        }
        return new EpochRow(epoch.epoch() + 1, epoch.trainLoss(), m.precisionAt1(), m.rPrecision(),
                m.mapAtR(), m.nmi());
    }

    /** The rows of {@code RUN/metrics.csv} (none when the run has not finished an epoch). */
    public static List<EpochRow> read(RunDirectory run) throws IOException {
        Table table = MetricsLog.read(run.metricsFile());
        List<EpochRow> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            rows.add(new EpochRow(table.intColumn("epoch").getInt(r),
                    table.doubleColumn("train_loss").getDouble(r),
                    table.doubleColumn("precision_at_1").getDouble(r),
                    table.doubleColumn("r_precision").getDouble(r),
                    table.doubleColumn("map_at_r").getDouble(r),
                    table.doubleColumn("nmi").getDouble(r)));
        }
        return rows;
    }

    public boolean evaluated() {
        return !Double.isNaN(precisionAt1);
    }

    public double value(Metric metric) {
        switch (metric) {
            case PRECISION_AT_1:
                return precisionAt1;
            case R_PRECISION:
                return rPrecision;
            case MAP_AT_R:
                return mapAtR;
            default:
                return nmi;
        }
    }
}
