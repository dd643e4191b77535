package io.specdyn.analysis;

import io.specdyn.analysis.RunClassifier.Status;
import io.specdyn.model.Algorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished sweep says, per algorithm, dimension and spike strength.
 *
 * <ul>
 *   <li>A <em>point</em> (algorithm, d, kappa, lr) gathers its seeds: it is {@code aligned} only if
 *       every seed aligned, with the largest of their steps (the steps that every seed needed);
 *       {@code diverged} if any seed diverged; {@code converged} if every seed either aligned or
 *       reached the loss tolerance and one did the latter; {@code stalled} otherwise.</li>
 *   <li>The <em>best</em> learning rate of (algorithm, d, kappa) is the aligned point with the fewest
 *       steps (ties: the smaller learning rate). It is flagged when it lies at an end of the swept
 *       range, where a wider range might do better.</li>
 *   <li>The <em>headline</em>: for each (d, kappa), GD's best steps over SpecGD's; above 1, SpecGD
 *       aligns in fewer steps at its own best learning rate.</li>
 * </ul>
 */
public final class SweepSummary {

    /**
     * One (algorithm, d, kappa, lr) over its seeds; {@code finalLoss} is the largest over the seeds of
     * the loss at the last step run (for an aligned run, the end of its confirmation).
     */
    public record Point(Algorithm algorithm, int d, double kappa, double lr, Status status, long steps,
                        double finalLoss) {
    }

    /**
     * The best learning rate of (algorithm, d, kappa) and its point's final loss; {@code lr} and
     * {@code finalLoss} NaN and {@code steps} -1 if nothing aligned.
     */
    public record Best(Algorithm algorithm, int d, double kappa, double lr, long steps, double finalLoss,
                       boolean atEdge) {
        public boolean found() {
            return steps >= 0;
        }

        /** Time to alignment, {@code steps * lr}. */
        public double time() {
            return found() ? steps * lr : Double.NaN;
        }
    }

    /** GD against SpecGD at one (d, kappa); {@code ratio} is GD's steps over SpecGD's, NaN if either did not align. */
    public record Headline(int d, double kappa, Best gd, Best specgd, double ratio) {
    }

    private final SweepSpec spec;
    private final List<Point> points;
    private final List<Best> best;

    private SweepSummary(SweepSpec spec, List<Point> points, List<Best> best) {
        this.spec = spec;
        this.points = List.copyOf(points);
        this.best = List.copyOf(best);
    }

    /**
     * Summarises a complete sweep.
     *
     * @param results every cell, in cell order
     */
    public static SweepSummary of(SweepSpec spec, List<SweepSpec.CellResult> results) {
        if (results.size() != spec.cellCount()) {
            throw new IllegalArgumentException("the sweep is incomplete: " + results.size() + " of " + spec.cellCount()
                    + " cells");
        }
        List<Point> points = new ArrayList<>();
        List<Best> best = new ArrayList<>();
        int seeds = spec.seeds();
        int index = 0;
        for (Algorithm algo : spec.algorithms()) {
            for (int d : spec.dims()) {
                for (double kappa : spec.kappas()) {
                    List<Point> row = new ArrayList<>();
                    for (double lr : spec.lrs()) {
                        Point p = point(algo, d, kappa, lr, results.subList(index, index + seeds));
                        index += seeds;
                        row.add(p);
                    }
                    points.addAll(row);
                    best.add(best(algo, d, kappa, row));
                }
            }
        }
        return new SweepSummary(spec, points, best);
    }

    private static Point point(Algorithm algo, int d, double kappa, double lr, List<SweepSpec.CellResult> seeds) {
        boolean diverged = false;
        boolean allAligned = true;
        boolean allDone = true;
        long steps = -1;
        double loss = Double.NEGATIVE_INFINITY;
        for (SweepSpec.CellResult c : seeds) {
            SweepSpec.Cell cell = c.cell();
            if (cell.algorithm() != algo || cell.d() != d || cell.kappa() != kappa || cell.lr() != lr) {
                throw new IllegalArgumentException("cell " + cell.index() + " is out of order");
            }
            Status s = c.result().status();
            diverged |= s == Status.DIVERGED;
            allAligned &= s == Status.ALIGNED;
            allDone &= s == Status.ALIGNED || s == Status.CONVERGED;
            steps = Math.max(steps, c.result().step());
            double l = c.result().finalLoss();
            loss = Double.isNaN(l) || Double.isNaN(loss) ? Double.NaN : Math.max(loss, l);
        }
        Status status = diverged ? Status.DIVERGED : allAligned ? Status.ALIGNED : allDone ? Status.CONVERGED
                : Status.STALLED;
        return new Point(algo, d, kappa, lr, status, status == Status.ALIGNED ? steps : -1, loss);
    }

    private static Best best(Algorithm algo, int d, double kappa, List<Point> row) {
        int at = -1;
        for (int i = 0; i < row.size(); i++) {
            Point p = row.get(i);
            if (p.status() == Status.ALIGNED && (at < 0 || p.steps() < row.get(at).steps())) {
                at = i;
            }
        }
        if (at < 0) {
            return new Best(algo, d, kappa, Double.NaN, -1, Double.NaN, false);
        }
        boolean edge = row.size() > 1 && (at == 0 || at == row.size() - 1);
        return new Best(algo, d, kappa, row.get(at).lr(), row.get(at).steps(), row.get(at).finalLoss(), edge);
    }

    public SweepSpec spec() {
        return spec;
    }

    /** Every (algorithm, d, kappa, lr), in cell order. */
    public List<Point> points() {
        return points;
    }

    /** The points of one (algorithm, d), kappa then lr. */
    public List<Point> points(Algorithm algo, int d) {
        return points.stream().filter(p -> p.algorithm() == algo && p.d() == d).toList();
    }

    /** The best learning rate of every (algorithm, d, kappa), in cell order. */
    public List<Best> best() {
        return best;
    }

    public List<Best> best(Algorithm algo, int d) {
        return best.stream().filter(b -> b.algorithm() == algo && b.d() == d).toList();
    }

    /** GD against SpecGD for every (d, kappa); empty unless the sweep ran both. */
    public List<Headline> headline() {
        List<Headline> out = new ArrayList<>();
        if (!spec.algorithms().contains(Algorithm.GD) || !spec.algorithms().contains(Algorithm.SPECGD)) {
            return out;
        }
        for (int d : spec.dims()) {
            List<Best> gd = best(Algorithm.GD, d);
            List<Best> sg = best(Algorithm.SPECGD, d);
            for (int k = 0; k < spec.kappas().length; k++) {
                Best g = gd.get(k);
                Best s = sg.get(k);
                double ratio = g.found() && s.found() ? (double) g.steps() / s.steps() : Double.NaN;
                out.add(new Headline(d, spec.kappas()[k], g, s, ratio));
            }
        }
        return out;
    }

    /** How many points of {@code algo} ended with each status, in {@link Status} order. */
    public int[] counts(Algorithm algo) {
        int[] n = new int[Status.values().length];
        for (Point p : points) {
            if (p.algorithm() == algo) {
                n[p.status().ordinal()]++;
            }
        }
        return n;
    }
}
