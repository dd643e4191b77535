package io.specdyn.figures;

import java.util.List;

/** Small figures for the rendering tests: fractional and log ticks, a heat map with its colour bar. */
final class TestFigures {
    private TestFigures() {
    }

    /** Two panels: a curve on linear axes with ticks such as 0.05, and a heat map on log axes. */
    static Figure small(String id) {
        double[] x = new double[21];
        double[] y = new double[21];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.01 * i;
            y[i] = 1e-3 * Math.pow(10, 0.2 * i);
        }
        Panel curve = Panel.builder("curve", Axis.linear("x"), Axis.linear("y")).add(Series.line("gd", Ink.GD, x, y))
                .horizontal(0.0125, "guide 0.0125", Ink.THEORY).build();
        double[] cx = {1e-3, 1e-2, 1e-1, 1e-3, 1e-2, 1e-1};
        double[] cy = {1, 1, 1, 100, 100, 100};
        double[] value = {1.5, 25, 300, 4000, 0, 0};
        int[] kind = {HeatMap.VALUE, HeatMap.VALUE, HeatMap.VALUE, HeatMap.VALUE, HeatMap.DIVERGED, HeatMap.MISSING};
        Panel map = Panel.builder("map", Axis.log("lr"), Axis.log("kappa"))
                .add(new HeatMap("steps", cx, cy, value, kind, List.of("", "diverged", "missing", "other"))).build();
        return new Figure(id, "A test figure 0.5", "caption", 2, List.of(curve, map), 640, 300);
    }
}
