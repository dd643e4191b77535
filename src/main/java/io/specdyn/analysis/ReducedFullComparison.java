package io.specdyn.analysis;

import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a reduced discrete run with the full run of the same problem and start, step by step, on
 * the columns both engines write: the coefficients {@code a}, {@code b}, {@code c} of a three-group
 * (a, b, c) run; for any other spectrum the signal's coefficient {@code a}, the spike's {@code b}
 * (the full run measures it on the spike direction), the loss and the alignment, which depend on
 * every group. The full simulator measures magnitudes ({@code a = sqrt(theta^T M theta)} and so
 * on), so the reduced coefficients are compared by magnitude too.
 *
 * <p>Stage I is the steps before the reduced run's {@code escaped} event, stage II the steps from
 * it on. The relative deviation divides by the largest compared reduced value at that step.
 */
public final class ReducedFullComparison {
    /** Off-manifold residual beyond which the full run counts as having left the manifold. */
    public static final double OFF_MANIFOLD_THRESHOLD = 1e-6;

    /** The columns compared in a three-group run. */
    public static final List<Column> THREE_GROUP = List.of(Column.A, Column.B, Column.C);

    /** The columns compared in a run of any other spectrum. */
    public static final List<Column> GROUPS = List.of(Column.A, Column.B, Column.LOSS, Column.ALIGNMENT);

    /** One compared step: {@code reduced} and {@code full} hold the compared columns, coefficients as magnitudes. */
    public record Row(long step, double t, double[] reduced, double[] full, double maxAbsDeviation, double offManifold) {
    }

    /** Largest deviations by stage, and where the full run left the manifold (-1: never). */
    public record Summary(long escapedStep, double stageIAbsolute, double stageIRelative, double stageIIAbsolute,
                          double stageIIRelative, double onManifoldRelative, long firstOffManifoldStep,
                          double finalOffManifold) {
    }

    /** The rows, their summary, and the columns compared ({@link #THREE_GROUP} or {@link #GROUPS}). */
    public record Result(List<Column> columns, List<Row> rows, Summary summary) {
    }

    private ReducedFullComparison() {
    }

    /** The columns compared for a reduced run with these columns: c where it has one. */
    public static List<Column> comparedColumns(Trajectory reduced) {
        return reduced.has(Column.C) ? THREE_GROUP : GROUPS;
    }

    public static Result compare(Trajectory reduced, Trajectory full) {
        List<Column> columns = comparedColumns(reduced);
        int n = columns.size();
        Map<Long, Integer> reducedRow = new HashMap<>();
        for (int i = 0; i < reduced.size(); i++) {
            reducedRow.put((long) reduced.get(Column.STEP, i), i);
        }
        long escaped = reduced.event(Stages.ESCAPED).map(StageEvent::step).orElse(Long.MAX_VALUE);
        List<Row> rows = new ArrayList<>();
        double s1a = 0;
        double s1r = 0;
        double s2a = 0;
        double s2r = 0;
        double onManifold = 0;
        long firstOff = -1;
        double lastOff = 0;
        for (int j = 0; j < full.size(); j++) {
            long step = (long) full.get(Column.STEP, j);
            Integer i = reducedRow.get(step);
            if (i == null) {
                continue;
            }
            double[] r = new double[n];
            double[] f = new double[n];
            double dev = 0;
            double scale = 0;
            for (int c = 0; c < n; c++) {
                Column column = columns.get(c);
                double value = reduced.get(column, i);
                r[c] = column == Column.A || column == Column.B || column == Column.C ? Math.abs(value) : value;
                f[c] = full.get(column, j);
                dev = Math.max(dev, Math.abs(r[c] - f[c]));
                scale = Math.max(scale, Math.abs(r[c]));
            }
            double rel = scale > 0 ? dev / scale : dev;
            double off = full.get(Column.OFF_MANIFOLD, j);
            rows.add(new Row(step, full.get(Column.T, j), r, f, dev, off));
            if (step < escaped) {
                s1a = Math.max(s1a, dev);
                s1r = Math.max(s1r, rel);
            } else {
                s2a = Math.max(s2a, dev);
                s2r = Math.max(s2r, rel);
            }
            if (firstOff < 0 && off > OFF_MANIFOLD_THRESHOLD) {
                firstOff = step;
            }
            if (firstOff < 0) {
                onManifold = Math.max(onManifold, rel);
            }
            lastOff = off;
        }
        return new Result(columns, rows, new Summary(escaped == Long.MAX_VALUE ? -1 : escaped, s1a, s1r, s2a, s2r, onManifold,
                firstOff, lastOff));
    }
}
