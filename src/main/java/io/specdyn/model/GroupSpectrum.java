package io.specdyn.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A diagonal input covariance described once for both engines: its eigenvalues in the order of its
 * eigenbasis (as runs of equal values, so that {@code d = 10^9} takes a few numbers), the position of
 * the teacher's direction, and the <em>groups</em> that the reduced dynamics see.
 *
 * <p>A group is a set of directions that share a coefficient on the invariant manifold
 * ({@code theory-notes/model.md}, section 6): the signal is always a group of its own; every other
 * direction joins the directions of exactly the same eigenvalue. Group {@code k} has an eigenvalue
 * {@code lambda_k}, a multiplicity {@code n_k} and a target {@code t_k} (1 for the signal, 0 otherwise).
 * Groups are ordered: the signal first, then the spike, then the rest by decreasing eigenvalue.
 *
 * <p>The spike is the problem's direction {@code u} where the problem names one (the spiked and
 * three-level spectra, whatever its eigenvalue; then the spike is a group of its own and the groups
 * are named {@code a}, {@code b}, {@code c}), and otherwise the group of largest eigenvalue other than
 * the signal's. Its position in the basis, for the full engine, is the first direction of that group.
 *
 * <p>Immutable.
 */
public final class GroupSpectrum {
    /** Names of the groups of a spectrum with a named spike: signal, spike, bulk. */
    private static final String[] NAMED = {"a", "b", "c"};

    private final long d;
    private final double[] runValue;
    private final long[] runCount;
    private final long signalPosition;
    private final long spikePosition;
    private final boolean spikeNamed;

    private final double[] eigenvalue;
    private final double[] multiplicity;
    private final Map<String, Object> description;
    private final LongFunction<GroupSpectrum> resize;

    private GroupSpectrum(double[] runValue, long[] runCount, long signalPosition, long namedSpike,
                          Map<String, Object> description, LongFunction<GroupSpectrum> resize) {
        long total = 0;
        for (int r = 0; r < runValue.length; r++) {
            double e = runValue[r];
            if (!(Double.isFinite(e) && e > 0)) {
                throw new InvalidSpecException("spectrum", "eigenvalues must be finite numbers > 0 (got " + e + ")");
            }
            if (runCount[r] < 1) {
                throw new InvalidSpecException("spectrum", "multiplicities must be integers >= 1 (got " + runCount[r] + ")");
            }
            total = Math.addExact(total, runCount[r]);
        }
        if (total < 3) {
            throw new InvalidSpecException("d", "must be an integer >= 3 (got " + total + ")");
        }
        if (total > MAX_DIMENSION) {
            throw new InvalidSpecException("d", "must be at most 2^53 = " + MAX_DIMENSION + ", so that every "
                    + "multiplicity is exact in a double (got " + total + ")");
        }
        if (signalPosition < 0 || signalPosition >= total) {
            throw new InvalidSpecException("signal-index", "must be an integer in [1, " + total + "] (got "
                    + (signalPosition + 1) + ")");
        }
        this.d = total;
        this.runValue = runValue;
        this.runCount = runCount;
        this.signalPosition = signalPosition;
        this.spikeNamed = namedSpike >= 0;
        this.description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
        this.resize = resize;

        // every direction but the signal (and a named spike), by eigenvalue, merged where equal
        int runs = runValue.length;
        Integer[] order = new Integer[runs];
        long[] left = runCount.clone();
        int signalRun = runOf(signalPosition);
        left[signalRun]--;
        if (spikeNamed) {
            if (namedSpike == signalPosition || namedSpike >= total) {
                throw new IllegalArgumentException("the spike must differ from the signal and lie in [0, d)");
            }
            left[runOf(namedSpike)]--;
        }
        boolean descending = true;
        boolean ascending = true;
        for (int r = 1; r < runs; r++) {
            descending &= runValue[r] <= runValue[r - 1];
            ascending &= runValue[r] >= runValue[r - 1];
        }
        for (int r = 0; r < runs; r++) {
            order[r] = ascending && !descending ? runs - 1 - r : r;
        }
        if (!descending && !ascending) {
            Arrays.sort(order, (x, y) -> Double.compare(runValue[y], runValue[x]));
        }
        int head = spikeNamed ? 2 : 1;
        double[] values = new double[runs + head];
        double[] counts = new double[runs + head];
        values[0] = runValue[signalRun];
        counts[0] = 1;
        if (spikeNamed) {
            values[1] = runValue[runOf(namedSpike)];
            counts[1] = 1;
        }
        int k = head;
        for (int i = 0; i < runs; i++) {
            int r = order[i];
            if (left[r] == 0) {
                continue;
            }
            if (k > head && values[k - 1] == runValue[r]) {
                counts[k - 1] += left[r];
            } else {
                values[k] = runValue[r];
                counts[k] = left[r];
                k++;
            }
        }
        this.eigenvalue = Arrays.copyOf(values, k);
        this.multiplicity = Arrays.copyOf(counts, k);
        this.spikePosition = spikeNamed ? namedSpike : firstPositionOf(eigenvalue[1], signalPosition);
    }

    /** Largest dimension: multiplicities are held exactly in doubles. */
    public static final long MAX_DIMENSION = 1L << 53;

    /** Default 1-based signal index of a power-law spectrum: the tenth direction (or the last). */
    public static final int POWER_LAW_SIGNAL = 10;

    /**
     * Several spikes: {@code Sigma = I + sum_i K_i u_i u_i^T}, with {@code u_i} the first directions of
     * the basis other than the signal (at {@code signalIndex}, 1-based), whose eigenvalue is 1. No spike
     * is named: equal spikes share a group, and the spike group is the largest eigenvalue other than the
     * signal's ({@code theory-notes/model.md}, section 6).
     *
     * @param kappas the strengths {@code K_i}, each a finite number > -1
     */
    public static GroupSpectrum spikes(long d, double[] kappas, long signalIndex) {
        if (kappas.length == 0) {
            throw new InvalidSpecException("spectrum", "needs at least one spike strength");
        }
        for (double k : kappas) {
            if (!(Double.isFinite(k) && k > -1)) {
                throw new InvalidSpecException("spectrum", "spike strengths must be finite numbers > -1 (got " + k + ")");
            }
        }
        long least = Math.max(3, kappas.length + 1L);
        Range.requireAtLeast("d", d, least);
        if (signalIndex < 1 || signalIndex > d) {
            throw new InvalidSpecException("signal-index", "must be an integer in [1, " + d + "] (got " + signalIndex + ")");
        }
        int n = kappas.length;
        double[] values = new double[n + 4];
        long[] counts = new long[n + 4];
        int r = 0;
        long position = 1;
        for (int i = 0; i < n; position++) {
            values[r] = position == signalIndex ? 1 : 1 + kappas[i++];
            counts[r++] = 1;
        }
        // directions position .. d have eigenvalue 1; the signal among them splits the run (merged by compact)
        if (signalIndex >= position) {
            values[r] = 1;
            counts[r++] = signalIndex - position;
            values[r] = 1;
            counts[r++] = 1;
            values[r] = 1;
            counts[r++] = d - signalIndex;
        } else {
            values[r] = 1;
            counts[r++] = d - position + 1;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "spikes");
        m.put("kappas", java.util.stream.DoubleStream.of(kappas).boxed().toList());
        double[] given = kappas.clone();
        return compact(Arrays.copyOf(values, r), Arrays.copyOf(counts, r), signalIndex - 1, -1, m,
                size -> spikes(size, given, Math.min(signalIndex, size)));
    }

    /** The spiked covariance {@code I + kappa u u^T} in dimension {@code d}, the signal at {@code signalIndex} (1-based). */
    public static GroupSpectrum spiked(long d, double kappa, long signalIndex) {
        Range.ABOVE_MINUS_ONE.require("kappa", kappa);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "spiked");
        m.put("kappa", kappa);
        return levels(d, 1, 1 + kappa, 1, signalIndex, m, n -> spiked(n, kappa, Math.min(signalIndex, n)));
    }

    /** {@link #spiked(long, double, long)} with the signal first. */
    public static GroupSpectrum spiked(long d, double kappa) {
        return spiked(d, kappa, 1);
    }

    /**
     * Three levels: {@code lt} on the signal (at {@code signalIndex}, 1-based), {@code lu} on the spike
     * (the first other direction), {@code lp} on the {@code d - 2} bulk directions, in any order of size.
     */
    public static GroupSpectrum threeLevel(long d, double lt, double lu, double lp, long signalIndex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "three-level");
        m.put("lt", lt);
        m.put("lu", lu);
        m.put("lp", lp);
        return levels(d, lt, lu, lp, signalIndex, m, n -> threeLevel(n, lt, lu, lp, Math.min(signalIndex, n)));
    }

    private static GroupSpectrum levels(long d, double lt, double lu, double lp, long signalIndex,
                                        Map<String, Object> description, LongFunction<GroupSpectrum> resize) {
        Range.requireAtLeast("d", d, 3);
        Range.POSITIVE.require("lt", lt);
        Range.POSITIVE.require("lu", lu);
        Range.POSITIVE.require("lp", lp);
        if (signalIndex < 1 || signalIndex > d) {
            throw new InvalidSpecException("signal-index", "must be an integer in [1, " + d + "] (got " + signalIndex + ")");
        }
        long s = signalIndex - 1;
        if (s == 0) {
            return new GroupSpectrum(new double[] {lt, lu, lp}, new long[] {1, 1, d - 2}, 0, 1, description, resize);
        }
        // spike first, then bulk up to the signal, the signal, the rest of the bulk
        double[] values = {lu, lp, lt, lp};
        long[] counts = {1, s - 1, 1, d - 1 - s};
        return compact(values, counts, s, 0, description, resize);
    }

    /**
     * Eigenvalue {@code i} (1-based) equal to {@code (i / s)^(-alpha)} for the signal index {@code s}: 1
     * on the signal, so that the teacher's output has the same law as in the spiked case.
     */
    public static GroupSpectrum powerLaw(long d, double alpha, long signalIndex) {
        requirePowerLaw(d, alpha, signalIndex);
        int n = (int) d;
        double[] values = new double[n];
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.pow((double) (i + 1) / signalIndex, -alpha);
            counts[i] = 1;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "power-law");
        m.put("alpha", alpha);
        m.put("normalisation", "signal eigenvalue 1");
        return compact(values, counts, signalIndex - 1, -1, m, size -> powerLaw(size, alpha, Math.min(signalIndex, size)));
    }

    /**
     * Checks the parameters of {@link #powerLaw} without building the spectrum (a sweep checks every
     * pair of its axes before it starts).
     *
     * @throws InvalidSpecException naming {@code d}, {@code alpha} or {@code signal-index}
     */
    public static void requirePowerLaw(long d, double alpha, long signalIndex) {
        Range.requireAtLeast("d", d, 3);
        Range.NON_NEGATIVE.require("alpha", alpha);
        if (signalIndex < 1 || signalIndex > d) {
            throw new InvalidSpecException("signal-index", "must be an integer in [1, " + d + "] (got " + signalIndex + ")");
        }
        // the extreme eigenvalues, s^alpha (first) and (d/s)^-alpha (last), must be finite and > 0
        double limit = Math.floor(1000 * Math.min(
                signalIndex > 1 ? Math.log(Double.MAX_VALUE) / Math.log(signalIndex) : Double.POSITIVE_INFINITY,
                d > signalIndex ? -Math.log(Double.MIN_NORMAL) / Math.log((double) d / signalIndex) : Double.POSITIVE_INFINITY)) / 1000;
        if (alpha > limit) {
            throw new InvalidSpecException("alpha", "must be at most " + limit + " with d = " + d + " and the signal at "
                    + signalIndex + ", so that every eigenvalue (i/" + signalIndex + ")^-alpha is a normal double (got "
                    + alpha + ")");
        }
        if (d > MAX_RUNS) {
            throw new InvalidSpecException("d", "must be at most " + MAX_RUNS + " with --spectrum power-law, one group "
                    + "per direction (got " + d + ")");
        }
    }

    /** The default 1-based signal index of a power-law spectrum in dimension {@code d}. */
    public static long defaultPowerLawSignal(long d) {
        return Math.min(POWER_LAW_SIGNAL, d);
    }

    /** Most runs (lines of a file, directions of a power law) a spectrum may hold. */
    public static final int MAX_RUNS = 100_000_000;

    /**
     * Runs of equal eigenvalues in basis order: {@code counts[r]} directions of eigenvalue
     * {@code values[r]}; the spike is the largest-eigenvalue group other than the signal.
     *
     * @param signalIndex 1-based position of the signal in the expanded list of {@code d} directions
     * @param source      where the list came from, for manifests
     */
    public static GroupSpectrum of(double[] values, long[] counts, long signalIndex, String source) {
        if (values.length != counts.length) {
            throw new IllegalArgumentException("one multiplicity per eigenvalue");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "list");
        m.put("source", source);
        return new GroupSpectrum(values.clone(), counts.clone(), signalIndex - 1, -1, m, null);
    }

    /** Merges neighbouring runs of equal value, so that a power law of constant value is one run. */
    private static GroupSpectrum compact(double[] values, long[] counts, long signal, long spike,
                                         Map<String, Object> description, LongFunction<GroupSpectrum> resize) {
        int k = 0;
        for (int r = 0; r < values.length; r++) {
            if (counts[r] == 0) {
                continue;
            }
            if (k > 0 && values[k - 1] == values[r]) {
                counts[k - 1] += counts[r];
            } else {
                values[k] = values[r];
                counts[k] = counts[r];
                k++;
            }
        }
        return new GroupSpectrum(Arrays.copyOf(values, k), Arrays.copyOf(counts, k), signal, spike, description, resize);
    }

    private int runOf(long position) {
        long start = 0;
        for (int r = 0; r < runCount.length; r++) {
            if (position < start + runCount[r]) {
                return r;
            }
            start += runCount[r];
        }
        throw new IndexOutOfBoundsException(position);
    }

    private long firstPositionOf(double value, long skip) {
        long start = 0;
        for (int r = 0; r < runCount.length; r++) {
            if (runValue[r] == value) {
                if (start != skip) {
                    return start;
                }
                if (runCount[r] > 1) {
                    return start + 1;
                }
            }
            start += runCount[r];
        }
        throw new IllegalStateException("no direction of eigenvalue " + value);
    }

    /** Number of groups {@code K}. */
    public int groups() {
        return eigenvalue.length;
    }

    /** The dimension {@code d}: the sum of the multiplicities. */
    public long d() {
        return d;
    }

    public double eigenvalue(int k) {
        return eigenvalue[k];
    }

    /** Multiplicity {@code n_k}, an integer held exactly. */
    public double multiplicity(int k) {
        return multiplicity[k];
    }

    /** Target {@code t_k}: 1 for the signal, 0 otherwise. */
    public double target(int k) {
        return k == SIGNAL ? 1 : 0;
    }

    /** Index of the signal's group: always the first. */
    public static final int SIGNAL = 0;

    /** Index of the spike's group: always the second. */
    public static final int SPIKE = 1;

    /** Whether the problem names its spike (spiked, three-level): then its groups are a, b, c. */
    public boolean spikeNamed() {
        return spikeNamed;
    }

    /** Whether this is a three-group spectrum of signal, named spike and bulk: the (a, b, c) model. */
    public boolean isThreeGroup() {
        return spikeNamed && eigenvalue.length == 3;
    }

    /** The name of group {@code k} in events: a, b, c for the three-group model, else its 1-based number. */
    public String name(int k) {
        return isThreeGroup() ? NAMED[k] : Integer.toString(k + 1);
    }

    /** The eigenvalues of the groups, a copy. */
    public double[] eigenvalues() {
        return eigenvalue.clone();
    }

    /** The multiplicities of the groups, a copy. */
    public double[] multiplicities() {
        return multiplicity.clone();
    }

    /** 0-based position of the signal in the eigenbasis. */
    public long signalPosition() {
        return signalPosition;
    }

    /** 0-based position of the spike in the eigenbasis: the named spike, or the first direction of group 2. */
    public long spikePosition() {
        return spikePosition;
    }

    /** How the spike was chosen, for manifests. */
    public String spikeRule() {
        return spikeNamed ? "the problem's spike direction u, whatever its eigenvalue"
                : "the top-variance direction other than the signal";
    }

    /** How the spectrum was made (kind and parameters), for manifests. */
    public Map<String, Object> description() {
        return description;
    }

    /**
     * The eigenvalues of all {@code d} directions in basis order, for the full engine.
     *
     * @throws IllegalArgumentException if {@code d} does not fit an array
     */
    public double[] expand() {
        if (d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("d = " + d + " directions do not fit an array");
        }
        double[] e = new double[(int) d];
        int at = 0;
        for (int r = 0; r < runValue.length; r++) {
            Arrays.fill(e, at, at + (int) runCount[r], runValue[r]);
            at += (int) runCount[r];
        }
        return e;
    }

    /**
     * The group of each of the {@code d} directions in basis order, for the full engine: 0 for the
     * signal, 1 for a named spike, else the group of its eigenvalue.
     */
    public int[] groupOfDirections() {
        double[] e = expand();
        java.util.Map<Double, Integer> byValue = new java.util.HashMap<>();
        for (int k = eigenvalue.length - 1; k >= (spikeNamed ? 2 : 1); k--) {
            byValue.put(eigenvalue[k], k);
        }
        int[] group = new int[e.length];
        for (int i = 0; i < e.length; i++) {
            group[i] = i == signalPosition ? SIGNAL : spikeNamed && i == spikePosition ? SPIKE : byValue.get(e[i]);
        }
        return group;
    }

    /** The same kind of spectrum in another dimension (the signal index clipped to it), for sweeps over d. */
    public GroupSpectrum withD(long value) {
        if (resize == null) {
            throw new InvalidSpecException("d", "is fixed by the spectrum's list of eigenvalues (d = " + d + ")");
        }
        return resize.apply(value);
    }

    /** Whether {@link #withD} can change the dimension (not for a given list). */
    public boolean resizable() {
        return resize != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupSpectrum g && d == g.d && signalPosition == g.signalPosition
                && spikePosition == g.spikePosition && spikeNamed == g.spikeNamed
                && Arrays.equals(runValue, g.runValue) && Arrays.equals(runCount, g.runCount)
                && description.equals(g.description);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(runValue) * 31 + Long.hashCode(signalPosition);
    }

    @Override
    public String toString() {
        return "GroupSpectrum" + description + " d=" + d + " K=" + groups();
    }
}
