package io.specdyn.analysis;

import io.specdyn.model.Algorithm;
import io.specdyn.reduced.GroupMap;
import io.specdyn.reduced.ReducedEngine;
import io.specdyn.reduced.ReducedRunSpec;
import io.specdyn.reduced.Schedule;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a discrete map approaches its flow as the learning rate shrinks: GD against GF, SpecGD
 * against SpecGF (Filippov). For each learning rate the map runs to {@code tEnd} and the flow is
 * sampled at the same times {@code k lr}; the error is the largest coefficient difference
 * {@code max_i |x_i(k) - x_i(k lr)|} within each phase of the flow, and the observed order between
 * two learning rates is {@code log(e1 / e2) / log(lr1 / lr2)}.
 *
 * <p>Phases are cut at the flow's own events. SpecGF: {@code escape} until the first slide-start,
 * {@code sliding} until the first slide-end (the double-sliding branch), {@code landing} until the
 * last switch (the arrival at the minimiser), {@code terminal} after it. GF: {@code stage-I}
 * until {@code escaped}, {@code stage-II} until {@code aligned}, {@code late} after.
 */
public final class DiscretisationStudy {

    /** A time interval {@code [from, to)} of the flow. */
    public record Phase(String name, double from, double to) {
    }

    /** Errors by learning rate (rows) and phase (columns); NaN where a phase holds no step. */
    public record Result(Algorithm map, Algorithm flow, List<Phase> phases, double[] lrs, double[][] errors) {

        /** Observed order of {@code phase} between learning rates {@code i} and {@code i + 1}. */
        public double order(int phase, int i) {
            return Math.log(errors[i][phase] / errors[i + 1][phase]) / Math.log(lrs[i] / lrs[i + 1]);
        }

        public int phaseIndex(String name) {
            for (int p = 0; p < phases.size(); p++) {
                if (phases.get(p).name().equals(name)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no phase " + name);
        }
    }

    private DiscretisationStudy() {
    }

    /**
     * Runs the study.
     *
     * @param flowSpec a GF or SpecGF spec; its end time is the horizon, its integrator is used,
     *                 its sample count is replaced by the discrete grid of each learning rate
     * @param lrs      learning rates, each dividing the horizon into a whole number of steps
     */
    public static Result run(ReducedRunSpec flowSpec, double[] lrs) {
        Algorithm flow = flowSpec.algorithm();
        if (flow != Algorithm.GF && flow != Algorithm.SPECGF) {
            throw new IllegalArgumentException("the reference must be gf or specgf");
        }
        Algorithm map = flow == Algorithm.GF ? Algorithm.GD : Algorithm.SPECGD;
        Schedule.Continuous continuous = (Schedule.Continuous) flowSpec.schedule();
        double tEnd = continuous.tEnd();
        // the flow's events do not depend on how densely it is sampled
        List<Phase> phases = phases(ReducedEngine.run(flowSpec.withSchedule(
                new Schedule.Continuous(tEnd, 2, continuous.integrator()))), flow, tEnd);
        double[][] errors = new double[lrs.length][];
        for (int i = 0; i < lrs.length; i++) {
            long steps = Math.round(tEnd / lrs[i]);
            if (steps >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 1) + " steps per learning rate");
            }
            Comparison comparison = new Comparison(flowSpec, map == Algorithm.SPECGD, lrs[i], steps, phases);
            ReducedEngine.run(flowSpec.withSchedule(new Schedule.Continuous(tEnd, (int) steps + 1, continuous.integrator())),
                    comparison);
            errors[i] = comparison.errors;
        }
        return new Result(map, flow, phases, lrs.clone(), errors);
    }

    /**
     * Compares the flow's grid rows, as the flow engine writes them, with the map's steps, taken
     * one at a time: memory does not grow with the number of steps. The flow hands over every
     * group's coefficient after each row, so any number of groups is compared. Event rows of the
     * flow are skipped; the map stops where it diverges, as a map run does.
     */
    private static final class Comparison implements TrajectorySink {
        private final boolean spectral;
        private final double lr;
        private final long steps;
        private final List<Phase> phases;
        private final Set<Long> eventRows = new HashSet<>();
        final double[] errors;
        private final GroupMap map;
        private final double[] x;
        private long row;
        private long k;
        private boolean compare;
        private boolean stopped;

        Comparison(ReducedRunSpec flowSpec, boolean spectral, double lr, long steps, List<Phase> phases) {
            this.spectral = spectral;
            this.lr = lr;
            this.steps = steps;
            this.phases = phases;
            this.errors = new double[phases.size()];
            java.util.Arrays.fill(errors, Double.NaN);
            this.x = flowSpec.init().toArray();
            this.map = new GroupMap(flowSpec.model(), x);
        }

        @Override
        public TrajectorySink add(double... values) {
            compare = !eventRows.remove(row++) && !stopped;
            return this;
        }

        @Override
        public boolean wantsCoefficients() {
            return true;
        }

        /** The flow's coefficients at the row just added, against the map's at the same time. */
        @Override
        public TrajectorySink coefficients(double[] w) {
            if (!compare) {
                return this;
            }
            double t = k * lr;
            double error = 0;
            for (int i = 0; i < w.length; i++) {
                error = Math.max(error, Math.abs(x[i] - w[i]));
            }
            for (int p = 0; p < phases.size(); p++) {
                Phase phase = phases.get(p);
                if (t >= phase.from() && t < phase.to()) {
                    errors[p] = Double.isNaN(errors[p]) ? error : Math.max(errors[p], error);
                }
            }
            if (k == steps || map.divergent() || !Double.isFinite(map.meanError())) {
                stopped = true;
                return this;
            }
            map.step(lr, spectral);
            map.copyState(x);
            k++;
            return this;
        }

        @Override
        public TrajectorySink event(StageEvent event) {
            eventRows.add(event.step());
            return this;
        }

        @Override
        public TrajectorySink outcome(Outcome value) {
            return this;
        }

        @Override
        public TrajectorySink diagnostic(String key, Object value) {
            return this;
        }
    }

    /** The phases of a reference flow run, cut at its events. */
    static List<Phase> phases(Trajectory reference, Algorithm flow, double tEnd) {
        List<Phase> phases = new ArrayList<>();
        if (flow == Algorithm.SPECGF) {
            double slideStart = first(reference, "slide-start:", tEnd);
            double slideEnd = Math.max(slideStart, first(reference, "slide-end:", tEnd));
            double arrival = slideEnd;
            for (StageEvent e : reference.events()) {
                if (e.name().startsWith("slide-") || e.name().startsWith("cross:")) {
                    arrival = Math.max(arrival, e.t());
                }
            }
            phases.add(new Phase("escape", 0, slideStart));
            phases.add(new Phase("sliding", slideStart, slideEnd));
            phases.add(new Phase("landing", slideEnd, arrival));
            phases.add(new Phase("terminal", arrival, Double.POSITIVE_INFINITY));
        } else {
            double escaped = reference.event(Stages.ESCAPED).map(StageEvent::t).orElse(tEnd);
            double aligned = Math.max(escaped, reference.event(Stages.ALIGNED).map(StageEvent::t).orElse(tEnd));
            phases.add(new Phase("stage-I", 0, escaped));
            phases.add(new Phase("stage-II", escaped, aligned));
            phases.add(new Phase("late", aligned, Double.POSITIVE_INFINITY));
        }
        return phases;
    }

    private static double first(Trajectory reference, String prefix, double fallback) {
        return reference.events().stream().filter(e -> e.name().startsWith(prefix)).mapToDouble(StageEvent::t)
                .min().orElse(fallback);
    }
}
