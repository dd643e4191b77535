package io.specdyn.full;

import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.GroupSpectrum;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eigenvalues of the input covariance, in the order of its eigenbasis, with the indices of the
 * signal direction and of the spike; the rest is the bulk. It is the expansion of a
 * {@link GroupSpectrum}, which defines every spectrum once for both engines.
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
    public static final int POWER_LAW_SIGNAL = GroupSpectrum.POWER_LAW_SIGNAL;

    private final GroupSpectrum groups;
    private final double[] eigenvalues;
    private final int signal;
    private final int spike;

    private CovarianceSpectrum(GroupSpectrum groups) {
        if (groups.d() > Integer.MAX_VALUE - 8) {
            throw new InvalidSpecException("d", "must be at most " + (Integer.MAX_VALUE - 8) + " for the full engine (got "
                    + groups.d() + ")");
        }
        this.groups = groups;
        this.eigenvalues = groups.expand();
        this.signal = (int) groups.signalPosition();
        this.spike = (int) groups.spikePosition();
    }

    /**
     * The covariance that a group spectrum describes, all {@code d} eigenvalues in basis order: the one
     * definition of a spectrum that both engines use.
     *
     * @throws InvalidSpecException naming {@code d} where {@code d} does not fit an array
     */
    public static CovarianceSpectrum of(GroupSpectrum groups) {
        return new CovarianceSpectrum(groups);
    }

    /** The groups of this spectrum, as the reduced engine sees them. */
    public GroupSpectrum groups() {
        return groups;
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
        return of(GroupSpectrum.spiked(d, kappa, signalIndex));
    }

    /**
     * The three-level spectrum of the reduced model: {@code lt} on the signal (at {@code signalIndex},
     * 1-based), {@code lu} on the spike (the first other index), {@code lp} on the bulk, in any order
     * of size.
     */
    public static CovarianceSpectrum threeLevel(int d, double lt, double lu, double lp, int signalIndex) {
        return of(GroupSpectrum.threeLevel(d, lt, lu, lp, signalIndex));
    }

    /**
     * Eigenvalue {@code i} proportional to {@code i^(-alpha)}, normalised to 1 on the signal.
     *
     * @param signalIndex 1-based index of the signal
     */
    public static CovarianceSpectrum powerLaw(int d, double alpha, int signalIndex) {
        return of(GroupSpectrum.powerLaw(d, alpha, signalIndex));
    }

    /** The default 1-based signal index of a power-law spectrum in dimension {@code d}. */
    public static int defaultPowerLawSignal(int d) {
        return (int) GroupSpectrum.defaultPowerLawSignal(d);
    }

    /**
     * A given list of eigenvalues.
     *
     * @param signalIndex 1-based index of the signal
     * @param source      where the list came from, for the manifest
     */
    public static CovarianceSpectrum of(double[] eigenvalues, int signalIndex, String source) {
        long[] ones = new long[eigenvalues.length];
        Arrays.fill(ones, 1);
        return of(GroupSpectrum.of(eigenvalues, ones, signalIndex, source));
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
        return groups.spikeRule();
    }

    /** How the spectrum was made (kind and parameters), for manifests. */
    public Map<String, Object> description() {
        return new LinkedHashMap<>(groups.description());
    }
}
