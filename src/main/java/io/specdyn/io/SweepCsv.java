package io.specdyn.io;

import io.specdyn.analysis.RunClassifier;
import io.specdyn.analysis.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of {@code sweep.csv}: one per cell, every parameter and every result.
 *
 * <p>Numbers are shortest round-trip decimals. A step or time of an event that did not happen is
 * an empty field (for example {@code steps} and {@code t} of a stalled run,
 * {@code min_alignment_after_escape} of a run that never escaped); a non-finite measured value is
 * written {@code NaN}, {@code Infinity} or {@code -Infinity}.
 *
 * <p>A spiked sweep's table has a {@code kappa} column ({@link #HEADER}). Another spectrum's
 * ({@link #POWER_LAW_HEADER}) names its spectrum and has its shape parameter in place of kappa, followed by
 * the signal's 1-based index at that cell's d: {@code spectrum,d,alpha,signal_index}. There {@code spike_peak}
 * is the peak of the coefficient of the largest-eigenvalue group other than the signal's.
 *
 * <p>A sweep with rule axes adds, after {@code algo}, a column for each axis it has: {@code momentum}
 * (empty for a rule that takes none), {@code ns_steps} (empty but for muon) and {@code schedule} (its label,
 * such as {@code exp:0.999}). The times of a run on a schedule are the sums of its rates
 * ({@link SweepSpec#time}); at a constant rate, {@code step * lr}.
 */
public final class SweepCsv {
    public static final String HEADER = "cell,algo,engine,d,kappa,lr,seed,status,steps,t,final_alignment,final_loss,"
            + "min_alignment_after_escape,spike_peak,spike_peak_step,spike_peak_t,escaped_step,escaped_t,"
            + "mean_matched_step,mean_matched_t,steps_run,max_steps,hold,align_eps,loss_tol,init,init_scale,samples_n";
    /** The header of a power-law sweep's table. */
    public static final String POWER_LAW_HEADER = HEADER.replace("engine,d,kappa,", "engine,spectrum,d,alpha,signal_index,");
    /** The columns a power-law row adds before {@code lr}: spectrum and signal_index. */
    private static final int EXTRA = 2;
    private static final int COLUMNS = HEADER.split(",").length;

    private SweepCsv() {
    }

    /** The header of {@code spec}'s table. */
    public static String header(SweepSpec spec) {
        String base = spiked(spec) ? HEADER : POWER_LAW_HEADER;
        List<String> rule = ruleColumns(spec);
        return rule.isEmpty() ? base : base.replace("cell,algo,", "cell,algo," + String.join(",", rule) + ",");
    }

    /** The rule columns of {@code spec}'s table, in order. */
    private static List<String> ruleColumns(SweepSpec spec) {
        List<String> names = new ArrayList<>();
        if (spec.rules().momentum().length > 0) {
            names.add("momentum");
        }
        if (spec.rules().nsSteps().length > 0) {
            names.add("ns_steps");
        }
        if (!spec.rules().schedules().equals(SweepSpec.RuleAxes.NONE.schedules())) {
            names.add("schedule");
        }
        return names;
    }

    private static boolean spiked(SweepSpec spec) {
        return spec.family() == SweepSpec.Family.SPIKED;
    }

    /** The row of one cell, without a line break. */
    public static String format(SweepSpec spec, SweepSpec.Cell cell, RunClassifier.Result r) {
        double lr = cell.lr();
        SweepSpec.Variant v = cell.variant();
        double[] times = spec.times(v, lr, r.step(), r.spikePeakStep(), r.escapedStep(), r.meanMatchedStep());
        StringBuilder b = new StringBuilder(320);
        b.append(cell.index()).append(',').append(cell.algorithm().label()).append(',');
        for (String column : ruleColumns(spec)) {
            switch (column) {
                case "momentum" -> b.append(v.momentum() == null ? "" : Numbers.format(v.momentum()));
                case "ns_steps" -> b.append(v.nsSteps() == null ? "" : v.nsSteps().toString());
                default -> b.append(v.schedule().label());
            }
            b.append(',');
        }
        b.append(spec.engine()).append(',');
        if (spiked(spec)) {
            b.append(cell.d()).append(',').append(Numbers.format(cell.shape())).append(',');
        } else {
            b.append(spec.family().label()).append(',').append(cell.d()).append(',').append(Numbers.format(cell.shape()))
                    .append(',').append(spec.signalIndex(cell.d())).append(',');
        }
        b.append(Numbers.format(lr)).append(',').append(cell.seed()).append(',')
                .append(r.status().label()).append(',');
        step(b, r.step(), times[0]);
        b.append(Numbers.format(r.finalAlignment())).append(',').append(Numbers.format(r.finalLoss())).append(',');
        b.append(Double.isNaN(r.minAlignmentAfterEscape()) ? "" : Numbers.format(r.minAlignmentAfterEscape())).append(',');
        b.append(Numbers.format(r.spikePeak())).append(',');
        step(b, r.spikePeakStep(), times[1]);
        step(b, r.escapedStep(), times[2]);
        step(b, r.meanMatchedStep(), times[3]);
        b.append(r.stepsRun()).append(',').append(spec.maxSteps()).append(',').append(spec.hold()).append(',')
                .append(Numbers.format(spec.alignEps())).append(',').append(Numbers.format(spec.lossTol())).append(',')
                .append(spec.init()).append(',').append(Numbers.format(spec.initScale())).append(',')
                .append(spec.samplesN());
        return b.toString();
    }

    /** A step and its time, both empty for -1, each followed by a comma. */
    private static void step(StringBuilder b, long step, double time) {
        if (step < 0) {
            b.append(",,");
        } else {
            b.append(step).append(',').append(Numbers.format(time)).append(',');
        }
    }

    /**
     * Reads a row back, checking that its parameters are those of cell {@code index} of {@code spec}.
     *
     * @throws IllegalArgumentException if the row is malformed or belongs to another sweep
     */
    public static SweepSpec.CellResult parse(SweepSpec spec, String row) {
        String[] f = row.split(",", -1);
        int o = (spiked(spec) ? 0 : EXTRA) + ruleColumns(spec).size();
        if (f.length != COLUMNS + o) {
            throw new IllegalArgumentException("sweep row has " + f.length + " fields, not " + (COLUMNS + o));
        }
        int index;
        try {
            index = Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sweep row: bad cell number '" + f[0] + "'");
        }
        if (index < 0 || index >= spec.cellCount()) {
            throw new IllegalArgumentException("sweep row: cell " + index + " is not in this sweep");
        }
        SweepSpec.Cell cell = spec.cell(index);
        RunClassifier.Status status;
        try {
            status = RunClassifier.Status.valueOf(f[7 + o].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep row: bad status '" + f[7 + o] + "'");
        }
        RunClassifier.Result r = new RunClassifier.Result(status, step(f[8 + o]), real(f[9 + o]), real(f[10 + o]),
                real(f[11 + o]), real(f[12 + o]), real(f[13 + o]), step(f[14 + o]), step(f[16 + o]), step(f[18 + o]),
                step(f[20 + o]));
        if (!format(spec, cell, r).equals(row)) {
            throw new IllegalArgumentException("sweep row of cell " + index + " does not match the sweep's spec");
        }
        return new SweepSpec.CellResult(cell, r);
    }

    private static long step(String field) {
        try {
            return field.isEmpty() ? -1 : Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sweep row: bad step '" + field + "'");
        }
    }

    private static double real(String field) {
        try {
            return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sweep row: bad number '" + field + "'");
        }
    }
}
