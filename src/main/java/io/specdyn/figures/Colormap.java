package io.specdyn.figures;

import java.awt.Color;

/** A perceptually ordered colour scale (viridis, sampled at nine points and interpolated linearly). */
final class Colormap {
    private static final int[][] STOPS = {
        {0x44, 0x01, 0x54}, {0x47, 0x2c, 0x7a}, {0x3b, 0x51, 0x8b}, {0x2c, 0x71, 0x8e}, {0x21, 0x90, 0x8d},
        {0x27, 0xad, 0x81}, {0x5c, 0xc8, 0x63}, {0xaa, 0xdc, 0x32}, {0xfd, 0xe7, 0x25}};

    private Colormap() {
    }

    /** The colour at {@code f} in [0, 1] (clamped). */
    static Color at(double f) {
        double x = Math.max(0, Math.min(1, Double.isFinite(f) ? f : 0)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(x));
        double w = x - i;
        int[] a = STOPS[i];
        int[] b = STOPS[i + 1];
        return new Color((int) Math.round(a[0] + w * (b[0] - a[0])), (int) Math.round(a[1] + w * (b[1] - a[1])),
                (int) Math.round(a[2] + w * (b[2] - a[2])));
    }

    /** The colour of {@code value} on a log scale from {@code lo} to {@code hi}. */
    static Color log(double value, double lo, double hi) {
        if (!(hi > lo)) {
            return at(0.5);
        }
        return at(Math.log(value / lo) / Math.log(hi / lo));
    }
}
