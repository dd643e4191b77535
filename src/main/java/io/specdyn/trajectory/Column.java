package io.specdyn.trajectory;

/** The columns a trajectory can carry, in the order they are written. */
public enum Column {
    STEP("step"),
    T("t"),
    A("a"),
    B("b"),
    C("c"),
    LOSS("loss"),
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
