package io.specdyn.full;

import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import io.specdyn.model.Spectrum;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The eigenvalues of the input covariance, in the order of its eigenbasis, with the indices of the
 * signal direction and of the spike; the rest is the bulk.
 *
 * <p>Where the problem names the spike (the spiked and three-level spectra: the direction {@code u}
 * of {@code Sigma = I + kappa u u^T}), the spike is that direction whatever its eigenvalue, also
 * below the bulk's ({@code kappa < 0}, or {@code lu < lp}). Where it does not (power law, a list),
 * the spike is the top-variance direction that is not the signal (the lowest index among ties).
 *
 * <ul>
 *   <li>{@link #spiked}, {@link #threeLevel}: signal at the given index (default the first), spike
 *       at the first index that is not the signal's.</li>
 *   <li>{@link #powerLaw}: eigenvalue {@code i} (1-based) proportional to {@code i^(-alpha)}, scaled
 *       so that the signal's eigenvalue is 1: the teacher's output then has the same law as in the
 *       spiked case, and times and losses compare across spectra. The default signal is the
 *       {@code min(10, d)}-th direction, so that several directions have more variance than the
 *       signal (the misalignment question); the spike is the first, with eigenvalue
 *       {@code s^alpha} for signal index {@code s}.</li>
 *   <li>{@link #of}: any positive list.</li>
 * </ul>
 */
public final class CovarianceSpectrum {
    /** Default 1-based signal index of a power-law spectrum: the tenth direction (or the last). */
    public static final int POWER_LAW_SIGNAL = 10;

    private final double[] eigenvalues;
    private final int signal;
    private final int spike;
    private final boolean spikeGiven;
    private final Map<String, Object> description;

    /** {@code spike < 0}: the top-variance direction other than the signal. */
    private CovarianceSpectrum(double[] eigenvalues, int signal, int spike, Map<String, Object> description) {
        if (eigenvalues.length < 3) {
            throw new InvalidSpecException("d", "must be an integer >= 3 (got " + eigenvalues.length + ")");
        }
        for (double e : eigenvalues) {
            if (!(Double.isFinite(e) && e > 0)) {
                throw new InvalidSpecException("spectrum", "eigenvalues must be finite numbers > 0 (got " + e + ")");
            }
        }
        if (signal < 0 || signal >= eigenvalues.length) {
            throw new InvalidSpecException("signal-index", "must be an integer in [1, " + eigenvalues.length
                    + "] (got " + (signal + 1) + ")");
        }
        this.eigenvalues = eigenvalues.clone();
        this.signal = signal;
        this.spikeGiven = spike >= 0;
        if (spike < 0) {
            for (int i = 0; i < eigenvalues.length; i++) {
                if (i != signal && (spike < 0 || eigenvalues[i] > eigenvalues[spike])) {
                    spike = i;
                }
            }
        } else if (spike == signal || spike >= eigenvalues.length) {
            throw new IllegalArgumentException("the spike index must differ from the signal's and lie in [0, d)");
        }
        this.spike = spike;
        this.description = new LinkedHashMap<>(description);
    }

    /** {@code I + kappa u u^T} in dimension {@code d}: signal first, spike second. */
    public static CovarianceSpectrum spiked(int d, double kappa) {
        return spiked(d, kappa, 1);
    }

    /**
     * {@code I + kappa u u^T} in dimension {@code d}, the signal at {@code signalIndex} (1-based), the
     * spike {@code u} at the first other index; {@code kappa} may be negative (a spike below the bulk).
     */
    public static CovarianceSpectrum spiked(int d, double kappa, int signalIndex) {
        Range.requireAtLeast("d", d, 3);
        Range.ABOVE_MINUS_ONE.require("kappa", kappa);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "spiked");
        m.put("kappa", kappa);
        return levels(d, 1, 1 + kappa, 1, signalIndex, m);
    }

    /**
     * The three-level spectrum of the reduced model: {@code lt} on the signal (at {@code signalIndex},
     * 1-based), {@code lu} on the spike (the first other index), {@code lp} on the bulk, in any order
     * of size.
     */
    public static CovarianceSpectrum threeLevel(int d, double lt, double lu, double lp, int signalIndex) {
        Range.requireAtLeast("d", d, 3);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "three-level");
        m.put("lt", lt);
        m.put("lu", lu);
        m.put("lp", lp);
        return levels(d, lt, lu, lp, signalIndex, m);
    }

    private static CovarianceSpectrum levels(int d, double lt, double lu, double lp, int signalIndex,
                                             Map<String, Object> description) {
        if (signalIndex < 1 || signalIndex > d) {
            throw new InvalidSpecException("signal-index", "must be an integer in [1, " + d + "] (got " + signalIndex + ")");
        }
        int signal = signalIndex - 1;
        int spike = signal == 0 ? 1 : 0;
        double[] e = new double[d];
        Arrays.fill(e, lp);
        e[signal] = lt;
        e[spike] = lu;
        return new CovarianceSpectrum(e, signal, spike, description);
    }

    /**
     * Eigenvalue {@code i} proportional to {@code i^(-alpha)}, normalised to 1 on the signal.
     *
     * @param signalIndex 1-based index of the signal
     */
    public static CovarianceSpectrum powerLaw(int d, double alpha, int signalIndex) {
        Range.requireAtLeast("d", d, 3);
        Range.NON_NEGATIVE.require("alpha", alpha);
        // the extreme eigenvalues, s^alpha (first) and (d/s)^-alpha (last), must be finite and > 0
        double limit = Math.floor(1000 * Math.min(
                signalIndex > 1 ? Math.log(Double.MAX_VALUE) / Math.log(signalIndex) : Double.POSITIVE_INFINITY,
                d > signalIndex ? -Math.log(Double.MIN_NORMAL) / Math.log((double) d / signalIndex) : Double.POSITIVE_INFINITY)) / 1000;
        if (signalIndex >= 1 && signalIndex <= d && alpha > limit) {
            throw new InvalidSpecException("alpha", "must be at most " + limit + " with d = " + d + " and the signal at "
                    + signalIndex + ", so that every eigenvalue (i/" + signalIndex + ")^-alpha is a normal double (got "
                    + alpha + ")");
        }
        double[] e = new double[d];
        for (int i = 0; i < d; i++) {
            e[i] = Math.pow((double) (i + 1) / signalIndex, -alpha);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "power-law");
        m.put("alpha", alpha);
        m.put("normalisation", "signal eigenvalue 1");
        return new CovarianceSpectrum(e, signalIndex - 1, -1, m);
    }

    /** The default 1-based signal index of a power-law spectrum in dimension {@code d}. */
    public static int defaultPowerLawSignal(int d) {
        return Math.min(POWER_LAW_SIGNAL, d);
    }

    /**
     * A given list of eigenvalues.
     *
     * @param signalIndex 1-based index of the signal
     * @param source      where the list came from, for the manifest
     */
    public static CovarianceSpectrum of(double[] eigenvalues, int signalIndex, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "list");
        m.put("source", source);
        return new CovarianceSpectrum(eigenvalues, signalIndex - 1, -1, m);
    }

    public int dimension() {
        return eigenvalues.length;
    }

    public double eigenvalue(int i) {
        return eigenvalues[i];
    }

    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** 0-based index of the signal. */
    public int signal() {
        return signal;
    }

    /**
     * 0-based index of the spike: the problem's direction {@code u} for the spiked and three-level
     * spectra, otherwise the top-variance direction other than the signal.
     */
    public int spike() {
        return spike;
    }

    /** How the spike was chosen, for manifests. */
    public String spikeRule() {
        return spikeGiven ? "the problem's spike direction u, whatever its eigenvalue"
                : "the top-variance direction other than the signal";
    }

    /** How the spectrum was made (kind and parameters), for manifests. */
    public Map<String, Object> description() {
        return new LinkedHashMap<>(description);
    }

    /**
     * The three-eigenvalue spectrum of the reduced dynamics, if every bulk direction has the same
     * eigenvalue (then the full dynamics from an isotropic start stay on the reduced manifold).
     */
    public Optional<Spectrum> reduced() {
        double bulk = Double.NaN;
        for (int i = 0; i < eigenvalues.length; i++) {
            if (i == signal || i == spike) {
                continue;
            }
            if (Double.isNaN(bulk)) {
                bulk = eigenvalues[i];
            } else if (eigenvalues[i] != bulk) {
                return Optional.empty();
            }
        }
        return Optional.of(new Spectrum(eigenvalues[signal], eigenvalues[spike], bulk));
    }
}
