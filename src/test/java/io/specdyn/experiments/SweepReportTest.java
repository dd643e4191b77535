package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.specdyn.analysis.SweepExecutor;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.figures.Figure;
import io.specdyn.figures.FigureRenderer;
import io.specdyn.model.Algorithm;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepReportTest {

    private static List<SweepSummary.Headline> rows(double[] kappas, double[] ratios) {
        List<SweepSummary.Headline> out = new ArrayList<>();
        for (int i = 0; i < kappas.length; i++) {
            SweepSummary.Best gd = new SweepSummary.Best(Algorithm.GD, 100, kappas[i], 0.1, 10, 0.5, false);
            SweepSummary.Best sg = new SweepSummary.Best(Algorithm.SPECGD, 100, kappas[i], 0.1, 10, 0.5, false);
            out.add(new SweepSummary.Headline(100, kappas[i], gd, sg, ratios[i]));
        }
        return out;
    }

    /**
     * The summary's sentence: GD's wins, ties, the last crossing, and the growth exponent, exact
     * here because the ratios past the crossing are (1 + kappa) / 2.
     */
    @Test
    void theCrossingSentenceNamesWinsTiesTheLastCrossingAndTheGrowth() {
        String text = SweepReport.crossings(rows(new double[] {0, 1, 2, 3, 7, 15}, new double[] {0.5, 1, 0.8, 2, 4, 8}));
        assertEquals("GD needs fewer steps at kappa 0, 2; they tie at kappa 1; SpecGD needs fewer steps at every kappa "
                + "from 3 on (the ratio last crosses 1 between kappa 2 and 3); from there the ratio grows like "
                + "(1 + kappa)^1.00 (least squares in log-log), to 8 at kappa 15.", text);
        assertEquals("GD needs fewer steps at no kappa swept; SpecGD needs fewer steps at every kappa from 0 on.",
                SweepReport.crossings(rows(new double[] {0, 1}, new double[] {2, 3})));
        assertEquals("GD needs fewer steps at kappa 0, 1; SpecGD needs fewer steps at no kappa beyond the last of these.",
                SweepReport.crossings(rows(new double[] {0, 1}, new double[] {0.5, 0.9})));
        assertEquals("No kappa where both aligned.", SweepReport.crossings(rows(new double[] {0}, new double[] {Double.NaN})));
    }

    @Test
    void numbersAreShownWithFourSignificantDigits() {
        assertEquals("0.0001", SweepReport.g(1e-4));
        assertEquals("0.03162", SweepReport.g(0.0316227766));
        assertEquals("1e-9", SweepReport.g(1e-9));
        assertEquals("97.75", SweepReport.g(97.75));
        assertEquals("1000", SweepReport.g(1000));
    }

    /**
     * A sweep whose axes hold one value each, at extreme magnitudes, draws every figure (issue 8,
     * B11: a single kappa of 1e17 gave an axis of zero length, since 1e17 +- 0.5 rounds to 1e17).
     */
    @ParameterizedTest
    @CsvSource({"0.1, 1e17", "0.1, 1e300", "1e-300, 0", "1e300, 5", "0.1, -0.999999999999"})
    void singleValueAxesAtExtremeValuesAreDrawn(double lr, double kappa) throws Exception {
        SweepSpec spec = new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {3},
                new double[] {kappa}, new double[] {lr}, 1, 50, 5, 0.01, 0, "iso", 1e-3, 0);
        SweepSummary summary = SweepSummary.of(spec, SweepExecutor.computeAll(spec, 1));
        List<Figure> figures = SweepReport.figures(summary);
        assertEquals(3 + (summary.headline().isEmpty() ? 0 : 1), figures.size());
        for (Figure f : figures) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            FigureRenderer.png(f, png);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            FigureRenderer.svg(f, svg);
            assertEquals(true, png.size() > 0 && svg.size() > 0, f.id());
        }
    }
}
