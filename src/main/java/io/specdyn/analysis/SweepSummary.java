package io.specdyn.analysis;

import io.specdyn.analysis.RunClassifier.Status;
import io.specdyn.model.Algorithm;
import io.specdyn.model.LearningRate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished sweep says, per variant (an update rule with its settings on the rule axes, which is
 * the algorithm alone in a sweep without them), dimension and shape of the spectrum (its kappa or alpha,
 * called {@code shape} here).
 *
 * <ul>
 *   <li>A <em>point</em> (algorithm, d, shape, lr) gathers its seeds: it is {@code aligned} only if
 *       every seed aligned, with the largest of their steps (the steps that every seed needed);
 *       {@code diverged} if any seed diverged; {@code converged} if every seed either aligned or
 *       reached the loss tolerance and one did the latter; {@code stalled} otherwise.</li>
 *   <li>The <em>best</em> learning rate of (variant, d, shape) is the aligned point with the fewest
 *       steps (ties: the smaller learning rate). It is flagged when it lies at an end of the swept
 *       range, where a wider range might do better.</li>
 *   <li>The <em>headline</em>: for each schedule and (d, shape), GD's best steps over SpecGD's; above 1,
 *       SpecGD aligns in fewer steps at its own best learning rate.</li>
 * </ul>
 */
public final class SweepSummary {

    /**
     * One (algorithm, d, shape, lr) over its seeds; {@code finalLoss} is the largest over the seeds of
     * the loss at the last step run (for an aligned run, the end of its confirmation).
     */
    public record Point(SweepSpec.Variant variant, int d, double shape, double lr, Status status, long steps,
                        double finalLoss) {
        public Algorithm algorithm() {
            return variant.algorithm();
        }
    }

    /**
     * The best learning rate of (algorithm, d, shape) and its point's final loss; {@code lr} and
     * {@code finalLoss} NaN and {@code steps} -1 if nothing aligned.
     */
    public record Best(SweepSpec.Variant variant, int d, double shape, double lr, long steps, double finalLoss,
                       boolean atEdge) {
        /** The best of a variant without rule settings. */
        public Best(Algorithm algorithm, int d, double shape, double lr, long steps, double finalLoss, boolean atEdge) {
            this(SweepSpec.Variant.of(algorithm), d, shape, lr, steps, finalLoss, atEdge);
        }

        public Algorithm algorithm() {
            return variant.algorithm();
        }

        public boolean found() {
            return steps >= 0;
        }

        /** Time to alignment, {@code steps * lr} (at a constant rate; on a schedule see {@link SweepSpec#time}). */
        public double time() {
            return found() ? steps * lr : Double.NaN;
        }
    }

    /** GD against SpecGD at one (d, shape); {@code ratio} is GD's steps over SpecGD's, NaN if either did not align. */
    public record Headline(int d, double shape, Best gd, Best specgd, double ratio) {
    }

    /**
     * The best step count of (algorithm, d, shape) over several starts that differ only in the last digits
     * of the scale {@code s}: {@code fewest} and {@code most} over them, the unperturbed start included;
     * -1 where some start aligned at no rate within the budget of {@link #spread}.
     */
    public record Spread(SweepSpec.Variant variant, int d, double shape, long fewest, long most, int starts) {
        public Algorithm algorithm() {
            return variant.algorithm();
        }
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
        for (SweepSpec.Variant algo : spec.variants()) {
            for (int d : spec.dims()) {
                for (double shape : spec.shapes()) {
                    List<Point> row = new ArrayList<>();
                    for (double lr : spec.lrs()) {
                        Point p = point(algo, d, shape, lr, results.subList(index, index + seeds));
                        index += seeds;
                        row.add(p);
                    }
                    points.addAll(row);
                    best.add(best(algo, d, shape, row));
                }
            }
        }
        return new SweepSummary(spec, points, best);
    }

    private static Point point(SweepSpec.Variant algo, int d, double shape, double lr, List<SweepSpec.CellResult> seeds) {
        boolean diverged = false;
        boolean allAligned = true;
        boolean allDone = true;
        long steps = -1;
        double loss = Double.NEGATIVE_INFINITY;
        for (SweepSpec.CellResult c : seeds) {
            SweepSpec.Cell cell = c.cell();
            if (!cell.variant().equals(algo) || cell.d() != d || cell.shape() != shape || cell.lr() != lr) {
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
        return new Point(algo, d, shape, lr, status, status == Status.ALIGNED ? steps : -1, loss);
    }

    private static Best best(SweepSpec.Variant algo, int d, double shape, List<Point> row) {
        int at = -1;
        for (int i = 0; i < row.size(); i++) {
            Point p = row.get(i);
            if (p.status() == Status.ALIGNED && (at < 0 || p.steps() < row.get(at).steps())) {
                at = i;
            }
        }
        if (at < 0) {
            return new Best(algo, d, shape, Double.NaN, -1, Double.NaN, false);
        }
        boolean edge = row.size() > 1 && (at == 0 || at == row.size() - 1);
        return new Best(algo, d, shape, row.get(at).lr(), row.get(at).steps(), row.get(at).finalLoss(), edge);
    }

    public SweepSpec spec() {
        return spec;
    }

    /** Every (algorithm, d, shape, lr), in cell order. */
    public List<Point> points() {
        return points;
    }

    /** The points of one (variant, d), shape then lr. */
    public List<Point> points(SweepSpec.Variant variant, int d) {
        return points.stream().filter(p -> p.variant().equals(variant) && p.d() == d).toList();
    }

    /** The points of one (algorithm, d), shape then lr, for an algorithm that has one variant. */
    public List<Point> points(Algorithm algo, int d) {
        return points(only(algo), d);
    }

    /**
     * The one variant of {@code algo}.
     *
     * @throws IllegalArgumentException if the sweep runs it at several settings, or not at all
     */
    public SweepSpec.Variant only(Algorithm algo) {
        List<SweepSpec.Variant> of = spec.variants().stream().filter(v -> v.algorithm() == algo).toList();
        if (of.size() != 1) {
            throw new IllegalArgumentException("the sweep runs " + algo.label() + " at " + of.size() + " settings, not one");
        }
        return of.get(0);
    }

    /** The best learning rate of every (algorithm, d, shape), in cell order. */
    public List<Best> best() {
        return best;
    }

    /** The best learning rates of one (variant, d), in shape order. */
    public List<Best> best(SweepSpec.Variant variant, int d) {
        return best.stream().filter(b -> b.variant().equals(variant) && b.d() == d).toList();
    }

    /** The best learning rates of one (algorithm, d), for an algorithm that has one variant. */
    public List<Best> best(Algorithm algo, int d) {
        return best(only(algo), d);
    }

    /**
     * GD against SpecGD for every schedule and (d, shape), in that order; empty unless the sweep ran both.
     * (Neither takes momentum nor Newton-Schulz steps, so each schedule has one GD and one SpecGD.)
     */
    public List<Headline> headline() {
        List<Headline> out = new ArrayList<>();
        if (!spec.algorithms().contains(Algorithm.GD) || !spec.algorithms().contains(Algorithm.SPECGD)) {
            return out;
        }
        for (io.specdyn.model.LearningRate schedule : spec.rules().schedules()) {
            for (int d : spec.dims()) {
                List<Best> gd = best(new SweepSpec.Variant(Algorithm.GD, null, null, schedule), d);
                List<Best> sg = best(new SweepSpec.Variant(Algorithm.SPECGD, null, null, schedule), d);
                for (int k = 0; k < spec.shapes().length; k++) {
                    Best g = gd.get(k);
                    Best s = sg.get(k);
                    double ratio = g.found() && s.found() ? (double) g.steps() / s.steps() : Double.NaN;
                    out.add(new Headline(d, spec.shapes()[k], g, s, ratio));
                }
            }
        }
        return out;
    }

    /** How many points of {@code algo} (its one variant) ended with each status, in {@link Status} order. */
    public int[] counts(Algorithm algo) {
        return counts(only(algo));
    }

    /** How many points of {@code variant} ended with each status, in {@link Status} order. */
    public int[] counts(SweepSpec.Variant variant) {
        int[] n = new int[Status.values().length];
        for (Point p : points) {
            if (p.variant().equals(variant)) {
                n[p.status().ordinal()]++;
            }
        }
        return n;
    }

    /**
     * How far the best step counts move under a tiny jitter of the start: the sweep is run again from
     * {@code W0 = s (1 + j relative) I} for {@code j = +-1 ... +-jitters}, and each (algorithm, d, shape) reports the
     * fewest and most of its best step counts over these starts and the original one. GD near its stability edge
     * is chaotic (theory-notes/sweeps.md, section 6), so one start gives one sample of a spread, not a number.
     *
     * <p>Reduced engine only. The reruns stop at {@code 4 x} the largest best step count plus the hold (no
     * more than the sweep's budget; the whole budget when a schedule other than constant runs, since its rates
     * depend on it): a start whose best moved further is reported as -1.
     */
    public Spread[] spread(int jitters, double relative, int workers) throws Exception {
        if (!spec.engine().equals("reduced")) {
            throw new IllegalArgumentException("the spread under start jitter is computed for the reduced engine only");
        }
        if (jitters < 1 || !(relative > 0)) {
            throw new IllegalArgumentException("need at least one jitter and a positive relative size");
        }
        long largest = best.stream().mapToLong(Best::steps).max().orElse(-1);
        // a schedule spans a cell's budget (cosine and linear depend on it): its reruns keep the sweep's
        boolean scheduled = spec.rules().schedules().stream().anyMatch(r -> r.kind() != LearningRate.Kind.CONSTANT);
        long budget = scheduled ? spec.maxSteps() : Math.min(spec.maxSteps(), 4 * Math.max(largest, 1) + spec.hold());
        long[] fewest = new long[best.size()];
        long[] most = new long[best.size()];
        for (int i = 0; i < best.size(); i++) {
            fewest[i] = best.get(i).steps();
            most[i] = best.get(i).steps();
        }
        for (int j = -jitters; j <= jitters; j++) {
            if (j == 0) {
                continue;
            }
            SweepSpec jittered = spec.withStart(spec.initScale() * (1 + j * relative), budget);
            List<Best> again = of(jittered, SweepExecutor.computeAll(jittered, workers)).best();
            for (int i = 0; i < best.size(); i++) {
                long steps = again.get(i).steps();
                if (steps < 0 || fewest[i] < 0) {
                    fewest[i] = -1;
                    most[i] = -1;
                } else {
                    fewest[i] = Math.min(fewest[i], steps);
                    most[i] = Math.max(most[i], steps);
                }
            }
        }
        Spread[] out = new Spread[best.size()];
        for (int i = 0; i < best.size(); i++) {
            Best b = best.get(i);
            out[i] = new Spread(b.variant(), b.d(), b.shape(), fewest[i], most[i], 2 * jitters + 1);
        }
        return out;
    }

    /**
     * The spread in words: for each variant, the kappas where its best step count moved under the jitter,
     * with the range, e.g. "GD's best steps move under a jitter of 1e-14 in s at kappa 50 (58 to 61), ...".
     */
    public static String describe(Spread[] spread, double relative) {
        return describe(spread, relative, SweepSpec.Family.SPIKED.shape(), v -> v.algorithm().displayName());
    }

    /**
     * {@link #describe(Spread[], double)} for a sweep whose shape axis is named {@code shape} (kappa, alpha),
     * each variant named by {@code name}.
     */
    public static String describe(Spread[] spread, double relative, String shape,
                                  java.util.function.Function<SweepSpec.Variant, String> name) {
        StringBuilder out = new StringBuilder();
        List<SweepSpec.Variant> variants = new ArrayList<>();
        for (Spread s : spread) {
            if (!variants.contains(s.variant())) {
                variants.add(s.variant());
            }
        }
        for (SweepSpec.Variant variant : variants) {
            List<String> moved = new ArrayList<>();
            int starts = 0;
            for (Spread s : spread) {
                if (!s.variant().equals(variant)) {
                    continue;
                }
                starts = s.starts();
                if (s.fewest() < 0) {
                    moved.add(fmt(s.shape()) + " (not aligned from every start)");
                } else if (s.most() != s.fewest()) {
                    moved.add(fmt(s.shape()) + " (" + s.fewest() + " to " + s.most() + ")");
                }
            }
            out.append(out.length() == 0 ? "" : " ").append(name.apply(variant)).append(": over ")
                    .append(starts).append(" starts s (1 + j ").append(String.format(java.util.Locale.ROOT, "%.0e", relative))
                    .append("), |j| <= ").append((starts - 1) / 2).append(", ")
                    .append(moved.isEmpty() ? "the best step count does not move at any " + shape + "."
                            : "the best step count moves at " + shape + " " + String.join(", ", moved) + ".");
        }
        return out.toString();
    }

    /** Starts of {@link #sensitivity}: s (1 + j 1e-14) for |j| <= 4. */
    public static final int SENSITIVITY_JITTERS = 4;
    public static final double SENSITIVITY_JITTER = 1e-14;

    /**
     * The section of {@code summary.md} on how far the best step counts move under a jitter of the start in its
     * last digits ({@link #spread}); empty for the full engine, whose cells are too costly to rerun.
     */
    public static String sensitivity(SweepSummary summary, int workers) {
        if (!summary.spec().engine().equals("reduced")) {
            return "";
        }
        try {
            Spread[] spread = summary.spread(SENSITIVITY_JITTERS, SENSITIVITY_JITTER, workers);
            return "\n## Sensitivity of the best step counts\n\nThe sweep is rerun from starts that differ from s only "
                    + "in the last digits. " + describe(spread, SENSITIVITY_JITTER, summary.spec().shapeName(),
                    v -> v.displayName(summary.spec())) + " Near GD's stability edge the "
                    + "map is chaotic: a best step count there is one sample of this range.\n";
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
