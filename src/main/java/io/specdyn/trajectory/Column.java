package io.specdyn.trajectory;

/** The columns a trajectory can carry, in the order they are written. */
public enum Column {
    STEP("step"),
    T("t"),
    A("a"),
    /** The spike's coefficient: the named spike u, or the largest-eigenvalue group other than the signal. */
    B("b"),
    C("c"),
    LOSS("loss"),
    /** Root mean square of the bulk coefficients, over every group but the signal and the spike; reduced runs of spectra other than the three-group one. */
    BULK_RMS("bulk_rms"),
    ALIGNMENT("alignment"),
    /** Relative Frobenius distance of {@code W^T W} from the manifold; full simulator only. */
    OFF_MANIFOLD("offmanifold"),
    /** The empirical loss on the training samples; full simulator, finite-sample runs only. */
    TRAIN_LOSS("train_loss");

    private final String header;

    Column(String header) {
        this.header = header;
    }

    /** The CSV header of this column. */
    public String header() {
        return header;
    }
}
