package io.specdyn.full;

import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.Range;
import io.specdyn.model.Spectrum;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The eigenvalues of the input covariance, in the order of its eigenbasis, with the index of the
 * signal direction. The spike is the top-variance direction that is not the signal (the lowest
 * index among ties); the rest is the bulk.
 *
 * <ul>
 *   <li>{@link #spiked}: {@code Sigma = I + kappa u u^T}, signal at index 0, spike at index 1.</li>
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
    private final Map<String, Object> description;

    private CovarianceSpectrum(double[] eigenvalues, int signal, Map<String, Object> description) {
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
        int top = -1;
        for (int i = 0; i < eigenvalues.length; i++) {
            if (i != signal && (top < 0 || eigenvalues[i] > eigenvalues[top])) {
                top = i;
            }
        }
        this.spike = top;
        this.description = new LinkedHashMap<>(description);
    }

    /** {@code I + kappa u u^T} in dimension {@code d}: signal first, spike second. */
    public static CovarianceSpectrum spiked(int d, double kappa) {
        Range.requireAtLeast("d", d, 3);
        Range.ABOVE_MINUS_ONE.require("kappa", kappa);
        double[] e = new double[d];
        Arrays.fill(e, 1.0);
        e[1] = 1 + kappa;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "spiked");
        m.put("kappa", kappa);
        return new CovarianceSpectrum(e, 0, m);
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
        return new CovarianceSpectrum(e, signalIndex - 1, m);
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
        return new CovarianceSpectrum(eigenvalues, signalIndex - 1, m);
    }

    /** A copy with the signal moved to {@code signalIndex} (1-based). */
    public CovarianceSpectrum withSignal(int signalIndex) {
        return new CovarianceSpectrum(eigenvalues, signalIndex - 1, description);
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

    /** 0-based index of the spike, the top-variance direction other than the signal. */
    public int spike() {
        return spike;
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
