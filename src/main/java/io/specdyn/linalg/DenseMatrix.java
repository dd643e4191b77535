package io.specdyn.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * A dense row-major matrix of doubles held in native memory, so that the BLAS reads it in place.
 * Mutable: every method that changes it says so, and callers own their workspaces.
 */
public final class DenseMatrix {
    /** The most entries one matrix holds: a native buffer holds at most {@code 2^31 - 1} bytes. */
    public static final long MAX_ENTRIES = Integer.MAX_VALUE / 8;

    private final int rows;
    private final int cols;
    private final DoubleBuffer data;

    private DenseMatrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix dimensions must be positive: " + rows + " x " + cols);
        }
        if ((long) rows * cols > MAX_ENTRIES) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix exceeds the " + MAX_ENTRIES
                    + " entries one native buffer holds");
        }
        long bytes = 8L * rows * cols;
        this.rows = rows;
        this.cols = cols;
        this.data = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** A new matrix of zeros. */
    public static DenseMatrix zeros(int rows, int cols) {
        return new DenseMatrix(rows, cols);
    }

    /** A new matrix holding a copy of {@code values} (row-major, {@code rows * cols} entries). */
    public static DenseMatrix of(int rows, int cols, double[] values) {
        DenseMatrix m = new DenseMatrix(rows, cols);
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values, got " + values.length);
        }
        m.data.put(0, values);
        return m;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int i, int j) {
        return data.get(i * cols + j);
    }

    /** Sets one entry (modifies this matrix). */
    public void set(int i, int j, double value) {
        data.put(i * cols + j, value);
    }

    /** The entry at flat row-major index {@code k}. */
    public double at(int k) {
        return data.get(k);
    }

    /** Sets the entry at flat row-major index {@code k} (modifies this matrix). */
    public void setAt(int k, double value) {
        data.put(k, value);
    }

    public int size() {
        return rows * cols;
    }

    /** The native buffer, position 0, for the kernels. */
    DoubleBuffer buffer() {
        return data;
    }

    /** Copies {@code other} into this matrix (modifies this matrix). */
    public void copyFrom(DenseMatrix other) {
        requireSameShape(other);
        data.put(0, other.data, 0, size());
    }

    /** Sets every entry to {@code value} (modifies this matrix). */
    public void fill(double value) {
        for (int k = 0, n = size(); k < n; k++) {
            data.put(k, value);
        }
    }

    /** A copy of the entries, row-major. */
    public double[] toArray() {
        double[] out = new double[size()];
        data.get(0, out);
        return out;
    }

    /** Frobenius norm. */
    public double frobeniusNorm() {
        double scale = 0;
        for (int k = 0, n = size(); k < n; k++) {
            scale = Math.max(scale, Math.abs(data.get(k)));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double sum = 0;
        for (int k = 0, n = size(); k < n; k++) {
            double v = data.get(k) / scale;
            sum += v * v;
        }
        return scale * Math.sqrt(sum);
    }

    /** Largest absolute entry (NaN if any entry is NaN). */
    public double maxAbs() {
        double max = 0;
        for (int k = 0, n = size(); k < n; k++) {
            double v = Math.abs(data.get(k));
            if (!(v <= max)) {
                max = v;
            }
        }
        return max;
    }

    void requireSameShape(DenseMatrix other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("shape " + other.rows + " x " + other.cols + " is not " + rows + " x " + cols);
        }
    }
}
