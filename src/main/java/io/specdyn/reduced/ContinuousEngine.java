package io.specdyn.reduced;

import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Integrates GF and SpecGF with a Hipparchus adaptive integrator, one smooth segment at a time.
 *
 * <p>Each segment runs until the first of its switches (SpecGF) or the end of the interval. Stage
 * events are Hipparchus detectors located to {@code 1e-13 max(1, tEnd)} in time; the trajectory
 * holds the evenly spaced samples plus one row per event, in time order.
 */
final class ContinuousEngine {
    /** Right-hand-side evaluations after which a run is reported as failed. */
    static final int EVALUATION_BUDGET = 5_000_000;
    /** Consecutive switches without progress in time after which a run is reported as failed. */
    private static final int STALL_LIMIT = 50;

    /** The columns of a reduced continuous trajectory. */
    static final List<Column> COLUMNS = DiscreteMaps.COLUMNS;

    private final ReducedRunSpec spec;
    private final ReducedModel model;
    private final Schedule.Continuous schedule;
    private final double maxCheck;
    private final double threshold;

    private final List<double[]> samples = new ArrayList<>();
    private final List<StageEvent> events = new ArrayList<>();
    private final Set<String> once = new HashSet<>();
    private final List<StageEvent> peaks = new ArrayList<>();
    private int nextSample;
    private double initialMeanError;

    private ContinuousEngine(ReducedRunSpec spec) {
        this.spec = spec;
        this.model = spec.model();
        this.schedule = (Schedule.Continuous) spec.schedule();
        double tEnd = schedule.tEnd();
        this.maxCheck = tEnd / 2048;
        this.threshold = 1e-13 * Math.max(1.0, tEnd);
    }

    /** Runs a GF or SpecGF spec. */
    static Trajectory run(ReducedRunSpec spec) {
        if (spec.algorithm().isDiscrete()) {
            throw new IllegalArgumentException(spec.algorithm().label() + " is not a flow");
        }
        return new ContinuousEngine(spec).integrate();
    }

    private Trajectory integrate() {
        PiecewiseFlow flow = spec.algorithm() == Algorithm.SPECGF ? new FilippovSpecFlow(model, threshold) : new GradientFlow(model);
        double tEnd = schedule.tEnd();
        PiecewiseFlow.Transition start = flow.begin(spec.init().toArray());
        double t = 0;
        double[] x = start.x();
        PiecewiseFlow.Segment segment = start.segment();
        recordInitial(x);
        record(start.events(), t, x);
        long evaluations = 0;
        int segments = 0;
        int stalls = 0;
        Outcome outcome = null;
        while (outcome == null) {
            if (segment.stationary()) {
                fillConstant(x);
                outcome = Outcome.completed(0, tEnd);
                break;
            }
            AdaptiveStepsizeIntegrator integrator = schedule.integrator().create(tEnd);
            integrator.setMaxEvaluations((int) Math.max(1, EVALUATION_BUDGET - evaluations));
            integrator.addStepHandler(new Sampler(segment.chart()));
            addStageDetectors(integrator, segment, x);
            PiecewiseFlow.Switch[] fired = new PiecewiseFlow.Switch[1];
            boolean[] divergedFlag = new boolean[1];
            PiecewiseFlow.Chart chart = segment.chart();
            for (PiecewiseFlow.Switch sw : segment.switches()) {
                integrator.addEventDetector(new FunctionDetector(s -> sw.g().applyAsDouble(chart.toCoefficients(s.getPrimaryState())),
                        maxCheck, threshold, (s, d, increasing) -> {
                            if (increasing) {
                                return Action.CONTINUE;
                            }
                            fired[0] = sw;
                            return Action.STOP;
                        }));
            }
            integrator.addEventDetector(new FunctionDetector(
                    s -> Stages.DIVERGENCE_BOUND - maxAbs(chart.toCoefficients(s.getPrimaryState())), maxCheck, threshold,
                    (s, d, increasing) -> {
                        if (increasing) {
                            return Action.CONTINUE;
                        }
                        divergedFlag[0] = true;
                        return Action.STOP;
                    }));
            double segmentStart = t;
            ODEStateAndDerivative end;
            try {
                end = integrator.integrate(segment.equations(), new ODEState(t, segment.chart().toIntegrator(x)), tEnd);
            } catch (MathRuntimeException e) {
                evaluations += integrator.getEvaluations();
                outcome = Outcome.failed(0, lastTime(t), "integrator stopped: " + e.getMessage());
                break;
            }
            evaluations += integrator.getEvaluations();
            segments++;
            t = end.getTime();
            double[] y = segment.chart().toCoefficients(end.getPrimaryState());
            if (divergedFlag[0]) {
                events.add(new StageEvent(Stages.DIVERGED, t, 0, y[0], y[1], y[2]));
                outcome = Outcome.diverged(0, t, "a coefficient reached 1e6 in absolute value");
                break;
            }
            if (fired[0] == null) {
                outcome = Outcome.completed(0, t);
                break;
            }
            PiecewiseFlow.Transition next = flow.next(segment, fired[0], y);
            double[] before = segment.velocity().apply(y);
            double[] after = next.segment().velocity().apply(next.x());
            double bSide = Math.signum(y[1]);
            if (bSide * before[1] > 0 && bSide * after[1] <= 0) {
                peaks.add(new StageEvent(Stages.SPIKE_PEAK, t, 0, y[0], y[1], y[2]));
            }
            x = next.x();
            segment = next.segment();
            record(next.events(), t, x);
            stalls = t > segmentStart ? 0 : stalls + 1;
            if (stalls >= STALL_LIMIT) {
                outcome = Outcome.failed(0, t, "switching stalled: " + STALL_LIMIT + " switches without progress");
            }
        }
        addSpikePeak();
        Trajectory.Builder builder = merge();
        builder.outcome(new Outcome(outcome.status(), builder.size() - 1, outcome.t(), outcome.detail()));
        builder.diagnostic("rhs_evaluations", evaluations);
        builder.diagnostic("segments", segments);
        builder.diagnostic("event_time_threshold", threshold);
        builder.diagnostic("event_max_check", maxCheck);
        return builder.build();
    }

    private double lastTime(double fallback) {
        return samples.isEmpty() ? fallback : samples.get(samples.size() - 1)[0];
    }

    private static double maxAbs(double[] y) {
        return Math.max(Math.abs(y[0]), Math.max(Math.abs(y[1]), Math.abs(y[2])));
    }

    /** Stage events already true at the start are placed at t = 0. */
    private void recordInitial(double[] x) {
        double meanError = model.meanError(x[0], x[1], x[2]);
        initialMeanError = meanError;
        if (meanError == 0) {
            once(Stages.MEAN_MATCHED, 0, x);
        }
        if (Stages.escapeIndicator(meanError, model.spectrum().lt()) >= 0) {
            once(Stages.ESCAPED, 0, x);
        }
        if (model.alignment(x[0], x[1], x[2]) >= 1 - spec.alignEps()) {
            once(Stages.ALIGNED, 0, x);
        }
    }

    private void once(String name, double t, double[] x) {
        if (once.add(name)) {
            events.add(new StageEvent(name, t, 0, x[0], x[1], x[2]));
        }
    }

    private void record(List<String> names, double t, double[] x) {
        for (String name : names) {
            events.add(new StageEvent(name, t, 0, x[0], x[1], x[2]));
        }
    }

    private void addStageDetectors(AdaptiveStepsizeIntegrator integrator, PiecewiseFlow.Segment segment, double[] x) {
        PiecewiseFlow.Chart chart = segment.chart();
        double lt = model.spectrum().lt();
        if (!once.contains(Stages.MEAN_MATCHED)) {
            double sign = Math.signum(initialMeanError);
            integrator.addEventDetector(stage(chart, Stages.MEAN_MATCHED, true,
                    y -> Stages.meanMatchedIndicator(model.meanError(y[0], y[1], y[2]), sign, lt)));
        }
        if (!once.contains(Stages.ESCAPED)) {
            integrator.addEventDetector(stage(chart, Stages.ESCAPED, true,
                    y -> Stages.escapeIndicator(model.meanError(y[0], y[1], y[2]), lt)));
        }
        if (!once.contains(Stages.ALIGNED)) {
            double target = 1 - spec.alignEps();
            integrator.addEventDetector(stage(chart, Stages.ALIGNED, true, y -> model.alignment(y[0], y[1], y[2]) - target));
        }
        if (x[1] != 0) {
            integrator.addEventDetector(new FunctionDetector(
                    s -> chart.magnitudeRate(1, s.getPrimaryState(), s.getPrimaryDerivative()), maxCheck, threshold,
                    (s, d, increasing) -> {
                        if (!increasing) {
                            double[] y = chart.toCoefficients(s.getPrimaryState());
                            peaks.add(new StageEvent(Stages.SPIKE_PEAK, s.getTime(), 0, y[0], y[1], y[2]));
                        }
                        return Action.CONTINUE;
                    }));
        }
    }

    /**
     * A first-occurrence stage detector, firing where {@code g} increases through zero. Once it
     * has fired its function is constant and the events are reset, so that a function that
     * wanders about zero in rounding noise afterwards (T at convergence) costs nothing more.
     */
    private FunctionDetector stage(PiecewiseFlow.Chart chart, String name, boolean increasing,
                                   java.util.function.ToDoubleFunction<double[]> g) {
        boolean[] done = new boolean[1];
        return new FunctionDetector(s -> done[0] ? 1.0 : g.applyAsDouble(chart.toCoefficients(s.getPrimaryState())),
                maxCheck, threshold,
                (s, d, up) -> {
                    if (increasing == up) {
                        once(name, s.getTime(), chart.toCoefficients(s.getPrimaryState()));
                        done[0] = true;
                        return Action.RESET_EVENTS;
                    }
                    return Action.CONTINUE;
                });
    }

    /** The largest |b| of the run, if it is attained at an interior local maximum. */
    private void addSpikePeak() {
        if (peaks.isEmpty() || samples.isEmpty()) {
            return;
        }
        StageEvent best = peaks.get(0);
        for (StageEvent p : peaks) {
            if (Math.abs(p.b()) > Math.abs(best.b())) {
                best = p;
            }
        }
        double first = Math.abs(samples.get(0)[2]);
        double last = Math.abs(samples.get(samples.size() - 1)[2]);
        if (Math.abs(best.b()) > first && Math.abs(best.b()) > last) {
            events.add(best);
        }
    }

    private void fillConstant(double[] x) {
        while (nextSample < schedule.samples()) {
            samples.add(new double[] {schedule.sampleTime(nextSample++), x[0], x[1], x[2]});
        }
    }

    /** Writes the grid samples that fall inside each accepted step. */
    private final class Sampler implements ODEStepHandler {
        private final PiecewiseFlow.Chart chart;

        Sampler(PiecewiseFlow.Chart chart) {
            this.chart = chart;
        }

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            double stepEnd = interpolator.getCurrentState().getTime();
            while (nextSample < schedule.samples() && schedule.sampleTime(nextSample) <= stepEnd) {
                double time = schedule.sampleTime(nextSample++);
                double[] y = chart.toCoefficients(interpolator.getInterpolatedState(time).getPrimaryState());
                samples.add(new double[] {time, y[0], y[1], y[2]});
            }
        }
    }

    /** Samples and event rows in time order (a sample before an event at the same time); events get their row index. */
    private Trajectory.Builder merge() {
        Trajectory.Builder builder = Trajectory.builder(COLUMNS);
        List<StageEvent> sorted = new ArrayList<>(events);
        sorted.sort((p, q) -> Double.compare(p.t(), q.t()));
        List<StageEvent> placed = new ArrayList<>();
        int e = 0;
        for (int s = 0; s <= samples.size(); s++) {
            double limit = s < samples.size() ? samples.get(s)[0] : Double.POSITIVE_INFINITY;
            while (e < sorted.size() && sorted.get(e).t() < limit) {
                StageEvent event = sorted.get(e++);
                placed.add(event.withStep(builder.size()));
                row(builder, event.t(), event.a(), event.b(), event.c());
            }
            if (s < samples.size()) {
                double[] sample = samples.get(s);
                row(builder, sample[0], sample[1], sample[2], sample[3]);
            }
        }
        builder.events(placed);
        return builder;
    }

    private void row(Trajectory.Builder builder, double t, double a, double b, double c) {
        builder.add(builder.size(), t, a, b, c, model.loss(a, b, c), model.alignment(a, b, c));
    }
}
