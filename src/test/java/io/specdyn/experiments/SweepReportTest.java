package io.specdyn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.specdyn.analysis.SweepSummary;
import io.specdyn.model.Algorithm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
