package io.specdyn.model;

/**
 * The three eigenvalues of the input covariance seen by the reduced dynamics: {@code lt} on the
 * signal {@code theta}, {@code lu} on the spike {@code u} and {@code lp} on each of the
 * {@code d - 2} bulk directions.
 *
 * <p>The spiked covariance {@code Sigma = I + kappa u u^T} of Braun, Bao, Huang and Imaizumi
 * (arXiv:2601.22652) is {@link #spiked(double)}.
 */
public record Spectrum(double lt, double lu, double lp) {

    public Spectrum {
        Range.POSITIVE.require("lt", lt);
        Range.POSITIVE.require("lu", lu);
        Range.POSITIVE.require("lp", lp);
    }

    /** The spiked covariance {@code I + kappa u u^T}: {@code lt = lp = 1}, {@code lu = 1 + kappa}. */
    public static Spectrum spiked(double kappa) {
        Range.ABOVE_MINUS_ONE.require("kappa", kappa);
        return new Spectrum(1.0, 1.0 + kappa, 1.0);
    }

    /** Eigenvalue of coefficient {@code i} (0 = signal, 1 = spike, 2 = bulk). */
    public double eigenvalue(int i) {
        return switch (i) {
            case 0 -> lt;
            case 1 -> lu;
            case 2 -> lp;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    public Spectrum withLt(double value) {
        return new Spectrum(value, lu, lp);
    }

    public Spectrum withLu(double value) {
        return new Spectrum(lt, value, lp);
    }

    public Spectrum withLp(double value) {
        return new Spectrum(lt, lu, value);
    }
}
