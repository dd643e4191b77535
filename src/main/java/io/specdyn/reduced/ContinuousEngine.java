package io.specdyn.reduced;

import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Outcome;
import io.specdyn.trajectory.StageEvent;
import io.specdyn.trajectory.Stages;
import io.specdyn.trajectory.Trajectory;
import io.specdyn.trajectory.TrajectorySink;
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
 *
 * <p>Rows go to the sink as they are computed, so that memory does not grow with the number of
 * samples. The spike peak is the one event known only at the end (the largest |b| of the run), so
 * the flow is integrated twice: a survey that writes nothing finds which local maximum of |b| is
 * the peak, and the second integration, identical step for step, writes the rows and places the
 * peak's row when it passes it.
 */
final class ContinuousEngine {
    /** Right-hand-side evaluations after which a run is reported as failed. */
    static final int EVALUATION_BUDGET = 5_000_000;
    /** Consecutive switches without progress in time after which a run is reported as failed. */
    private static final int STALL_LIMIT = 50;


    private final ReducedRunSpec spec;
    private final ReducedModel model;
    private final Schedule.Continuous schedule;
    private final double maxCheck;
    private final double threshold;

    /** Where the rows go; null in the survey. */
    private final TrajectorySink sink;
    /** Which local maximum of |b| (in order of detection) is the spike peak; -1 for none or unknown. */
    private final int peakOrdinal;
    /** Events waiting for their row: written before the first sample later than them. */
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> once = new HashSet<>();
    private int peaksSeen;
    private Pending bestPeak;
    private int bestPeakOrdinal = -1;
    private int nextSample;
    private long rows;
    private final ReducedEngine.RowWriter writer;
    private double firstSampleB = Double.NaN;
    private double lastSampleB = Double.NaN;
    private double lastSampleTime = Double.NaN;
    private double initialMeanError;

    private ContinuousEngine(ReducedRunSpec spec, TrajectorySink sink, int peakOrdinal) {
        this.spec = spec;
        this.sink = sink;
        this.peakOrdinal = peakOrdinal;
        this.model = spec.model();
        this.schedule = (Schedule.Continuous) spec.schedule();
        double tEnd = schedule.tEnd();
        this.maxCheck = tEnd / 2048;
        this.threshold = 1e-13 * Math.max(1.0, tEnd);
        this.writer = sink != null ? new ReducedEngine.RowWriter(model, sink) : null;
    }

    /** Runs a GF or SpecGF spec. */
    static Trajectory run(ReducedRunSpec spec) {
        Trajectory.Builder rows = Trajectory.builder(ReducedEngine.columns(spec.model()));
        run(spec, rows);
        return rows.build();
    }

    /** Runs a GF or SpecGF spec into {@code sink} (columns {@link ReducedEngine#columns}). */
    static void run(ReducedRunSpec spec, TrajectorySink sink) {
        if (spec.algorithm().isDiscrete()) {
            throw new IllegalArgumentException(spec.algorithm().label() + " is not a flow");
        }
        ContinuousEngine survey = new ContinuousEngine(spec, null, -1);
        survey.integrate();
        new ContinuousEngine(spec, sink, survey.spikePeakOrdinal()).integrate();
    }

    private void integrate() {
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
            if (segment.polynomial()) {
                // followed exactly, so any first step is accepted; one longer than the detectors'
                // check interval would make each of them scan it whole when the segment is short
                integrator.setInitialStepSize(maxCheck);
            }
            integrator.addStepHandler(new Sampler(segment.chart()));
            addStageDetectors(integrator, segment, x);
            PiecewiseFlow.Switch[] fired = new PiecewiseFlow.Switch[1];
            boolean[] divergedFlag = new boolean[1];
            PiecewiseFlow.Chart chart = segment.chart();
            PiecewiseFlow.Switches switches = segment.switches();
            if (!switches.none()) {
                integrator.addEventDetector(new FunctionDetector(s -> switches.least(chart.toCoefficients(s.getPrimaryState())),
                        maxCheck, threshold, (s, d, increasing) -> {
                            if (increasing) {
                                return Action.CONTINUE;
                            }
                            fired[0] = switches.fired(chart.toCoefficients(s.getPrimaryState()));
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
                end = integrator.integrate(segment.equations(), new ODEState(t, segment.start()), tEnd);
            } catch (MathRuntimeException e) {
                evaluations += integrator.getEvaluations();
                outcome = Outcome.failed(0, Double.isNaN(lastSampleTime) ? t : lastSampleTime,
                        "integrator stopped: " + e.getMessage());
                break;
            }
            evaluations += integrator.getEvaluations();
            segments++;
            t = end.getTime();
            double[] y = segment.chart().toCoefficients(end.getPrimaryState());
            if (divergedFlag[0]) {
                queue(event(Stages.DIVERGED, t, y));
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
            boolean peak = bSide * before[1] > 0 && bSide * after[1] <= 0;
            x = next.x();
            segment = next.segment();
            record(next.events(), t, x);
            if (peak) {
                peak(event(Stages.SPIKE_PEAK, t, y));
            }
            stalls = t > segmentStart ? 0 : stalls + 1;
            if (stalls >= STALL_LIMIT) {
                outcome = Outcome.failed(0, t, "switching stalled: " + STALL_LIMIT + " switches without progress");
            }
        }
        flush(Double.POSITIVE_INFINITY);
        if (sink == null) {
            return;
        }
        sink.outcome(new Outcome(outcome.status(), rows - 1, outcome.t(), outcome.detail()));
        sink.diagnostic("rhs_evaluations", evaluations);
        sink.diagnostic("segments", segments);
        sink.diagnostic("event_time_threshold", threshold);
        sink.diagnostic("event_max_check", maxCheck);
    }

    private static double maxAbs(double[] y) {
        double max = 0;
        for (double v : y) {
            double a = Math.abs(v);
            if (!(a <= max)) {
                max = a;
            }
        }
        return max;
    }

    /** An event waiting for its row, with the state the row shows. */
    private record Pending(StageEvent event, double[] state) {
        double t() {
            return event.t();
        }
    }

    /** A stage event at state {@code w}: the signal's, the spike's and the bulk's values. */
    private Pending event(String name, double t, double[] w) {
        return new Pending(new StageEvent(name, t, 0, w[0], w[1], model.bulk(w)), w.clone());
    }

    /** Stage events already true at the start are placed at t = 0. */
    private void recordInitial(double[] x) {
        double meanError = model.meanError(x);
        initialMeanError = meanError;
        if (meanError == 0) {
            once(Stages.MEAN_MATCHED, 0, x);
        }
        if (Stages.escapeIndicator(meanError, model.teacherMean()) >= 0) {
            once(Stages.ESCAPED, 0, x);
        }
        if (model.alignment(x) >= 1 - spec.alignEps()) {
            once(Stages.ALIGNED, 0, x);
        }
    }

    private void once(String name, double t, double[] x) {
        if (once.add(name)) {
            queue(event(name, t, x));
        }
    }

    private void record(List<String> names, double t, double[] x) {
        for (String name : names) {
            queue(event(name, t, x));
        }
    }

    /** An event waits for the samples up to its time; among events of one time, the first found goes first. */
    private void queue(Pending event) {
        int at = pending.size();
        while (at > 0 && pending.get(at - 1).t() > event.t()) {
            at--;
        }
        pending.add(at, event);
    }

    /** A local maximum of |b|: the survey keeps the largest, the writing pass writes the one the survey chose. */
    private void peak(Pending candidate) {
        int ordinal = peaksSeen++;
        if (sink == null) {
            if (bestPeak == null || Math.abs(candidate.state()[1]) > Math.abs(bestPeak.state()[1])) {
                bestPeak = candidate;
                bestPeakOrdinal = ordinal;
            }
        } else if (ordinal == peakOrdinal) {
            queue(candidate);
        }
    }

    /** The survey's answer: the largest |b| of the run, if it is attained at an interior local maximum. */
    private int spikePeakOrdinal() {
        if (bestPeak == null || Double.isNaN(firstSampleB)) {
            return -1;
        }
        double b = Math.abs(bestPeak.state()[1]);
        return b > Math.abs(firstSampleB) && b > Math.abs(lastSampleB) ? bestPeakOrdinal : -1;
    }

    /** Writes the events earlier than {@code limit}, each as a row. */
    private void flush(double limit) {
        while (!pending.isEmpty() && pending.get(0).t() < limit) {
            Pending event = pending.remove(0);
            if (sink != null) {
                sink.event(event.event().withStep(rows));
                writer.row(rows++, event.t(), event.state());
            }
        }
    }

    /** Writes the sample at {@code time}, after the events before it; the survey only notes its b. */
    private void sample(double time, double[] y) {
        flush(time);
        if (Double.isNaN(firstSampleB)) {
            firstSampleB = y[1];
        }
        lastSampleB = y[1];
        lastSampleTime = time;
        if (sink != null) {
            writer.row(rows++, time, y);
        }
    }

    private void addStageDetectors(AdaptiveStepsizeIntegrator integrator, PiecewiseFlow.Segment segment, double[] x) {
        PiecewiseFlow.Chart chart = segment.chart();
        double lt = model.teacherMean();
        if (!once.contains(Stages.MEAN_MATCHED)) {
            double sign = Math.signum(initialMeanError);
            integrator.addEventDetector(stage(chart, Stages.MEAN_MATCHED, true,
                    y -> Stages.meanMatchedIndicator(model.meanError(y), sign, lt)));
        }
        if (!once.contains(Stages.ESCAPED)) {
            integrator.addEventDetector(stage(chart, Stages.ESCAPED, true,
                    y -> Stages.escapeIndicator(model.meanError(y), lt)));
        }
        if (!once.contains(Stages.ALIGNED)) {
            double target = 1 - spec.alignEps();
            integrator.addEventDetector(stage(chart, Stages.ALIGNED, true, y -> model.alignment(y) - target));
        }
        if (x[1] != 0) {
            integrator.addEventDetector(new FunctionDetector(
                    s -> chart.magnitudeRate(1, s.getPrimaryState(), s.getPrimaryDerivative()), maxCheck, threshold,
                    (s, d, increasing) -> {
                        if (!increasing) {
                            double[] y = chart.toCoefficients(s.getPrimaryState());
                            peak(event(Stages.SPIKE_PEAK, s.getTime(), y));
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

    private void fillConstant(double[] x) {
        while (nextSample < schedule.samples()) {
            sample(schedule.sampleTime(nextSample++), x);
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
                int index = nextSample++;
                boolean needed = sink != null || index == 0 || nextSample == schedule.samples()
                        || schedule.sampleTime(nextSample) > stepEnd;
                if (needed) {
                    double time = schedule.sampleTime(index);
                    sample(time, chart.toCoefficients(interpolator.getInterpolatedState(time).getPrimaryState()));
                }
            }
        }
    }

}
