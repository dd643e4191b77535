package io.specdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.experiments.PhaseFields;
import io.specdyn.explore.ExploreViews;
import io.specdyn.explore.PlannedRun;
import io.specdyn.figures.ArrowField;
import io.specdyn.model.ReducedModel;
import io.specdyn.trajectory.Column;
import io.specdyn.trajectory.Trajectory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The views of {@code specdyn explore}: what they draw, their fields, and their words, on runs planned as run plans them. */
class ExploreViewsTest {

    private static ExploreViews.Shown shown(String argv) {
        PlannedRun run = new CliRunPlanner().plan(List.of(argv.trim().split("\\s+")));
        Trajectory.Builder b = Trajectory.builder(run.columns());
        run.engine().accept(b);
        return new ExploreViews.Shown(run, b.build());
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every view is an SVG element that parses, names both runs, and draws the fields of both kinds of rule. */
    @Test
    void viewsParseAndHoldBothRunsAndBothFields() throws Exception {
        List<ExploreViews.Shown> runs = List.of(shown("--algo gd --lr 0.02 --kappa 5 --steps 2000"),
                shown("--algo specgd --lr 0.002 --kappa 5 --steps 2000"));
        Map<String, String> views = ExploreViews.svg(runs);
        assertEquals(ExploreViews.NAMES, List.copyOf(views.keySet()));
        for (Map.Entry<String, String> v : views.entrySet()) {
            assertTrue(v.getValue().startsWith("<svg"), v.getKey() + " is the svg element alone");
            Document doc = parse(v.getValue());
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertTrue(doc.getElementsByTagName("path").getLength() > 10, v.getKey());
            assertTrue(v.getValue().contains("GD, lr 0.02") && v.getValue().contains("SpecGD, lr 0.002"), v.getKey());
        }
        for (String plane : List.of("stage1", "stage2")) {
            assertTrue(views.get(plane).contains("GF direction"), plane);
            assertTrue(views.get(plane).contains("SpecGF direction"), plane);
        }
        assertTrue(views.get("stage1").contains("a = b"));
        assertTrue(views.get("stage2").contains("h_c = 0"));
        for (String mark : List.of("escaped", "spike peak", "mean matched", "aligned")) {
            assertTrue(views.get("coefficients").contains(mark), mark);
        }
    }

    /**
     * Starts at the ends of the doubles are drawn: JFreeChart's log axis ticks without end on a range that reaches
     * 1.8e308 or 0, so the views must clip theirs (a hang here is a server thread lost for good). The timeout only
     * turns such a hang into a failure; the views take well under a second.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void startsAtTheEndsOfTheDoublesAreDrawn() throws Exception {
        for (String scale : List.of("1e308", "1.7e308", "1e-320", "4.9e-324")) {
            Map<String, String> views = ExploreViews.svg(List.of(shown("--algo gd --lr 0.02 --steps 50 --init-scale "
                    + scale), shown("--algo specgd --lr 0.02 --steps 50 --init-scale " + scale)));
            for (Map.Entry<String, String> v : views.entrySet()) {
                assertEquals("svg", parse(v.getValue()).getDocumentElement().getTagName(), scale + " " + v.getKey());
            }
        }
    }

    /** Two runs of one rule are told apart: the second in a darker shade of the rule's colour. */
    @Test
    void twoRunsOfOneRuleHaveTwoColours() {
        Map<String, String> views = ExploreViews.svg(List.of(shown("--algo gd --lr 0.02 --kappa 5 --steps 500"),
                shown("--algo gd --lr 0.05 --kappa 5 --steps 500")));
        // Ink.GD is (0, 114, 178); its shade halves each channel
        assertTrue(views.get("coefficients").contains("rgb(0,114,178)"));
        assertTrue(views.get("coefficients").contains("rgb(0,57,89)"));
    }

    /**
     * The stage I field on F2's grid is the model's gradient flow: each GF arrow is minus the loss's derivative in
     * that coefficient per direction of its group (dL/dw_k / n_k), computed here by central differences of the
     * loss; each SpecGF arrow is its sign.
     */
    @Test
    void stageOneFieldIsMinusTheGradientOfTheLoss() {
        ReducedModel model = ReducedModel.spiked(100, 5);
        double c = 2e-3;
        ArrowField gf = PhaseFields.stageOne(model, 1e-3, 1, 11, false, a -> c);
        ArrowField spec = PhaseFields.stageOne(model, 1e-3, 1, 11, true, a -> c);
        assertEquals(121, gf.size());
        for (ArrowField f : List.of(gf, spec)) {
            for (int i = 0; i < f.size(); i++) {
                double a = f.x()[i];
                double b = f.y()[i];
                double ga = derivative(model, new double[] {a, b, c}, 0) / model.multiplicity(0);
                double gb = derivative(model, new double[] {a, b, c}, 1) / model.multiplicity(1);
                if (f == gf) {
                    // central differences with h = 1e-5: truncation h^2 |L3| / 6, with L3 the third derivative in w_k,
                    // of order 24 lambda_k^2 w_k + 12 lambda_k^2 <= 40 lambda_k^2 on this grid (w <= 1), so at most
                    // 7e-10 lambda_k^2; rounding 2 eps |L| / h ~ 1e-10 (L < 10 here)
                    double la = model.eigenvalue(0);
                    double lb = model.eigenvalue(1);
                    assertEquals(-ga, f.dx()[i], 1e-9 * la * la + 1e-10, "a at " + a + ", " + b);
                    assertEquals(-gb, f.dy()[i], 1e-9 * lb * lb + 1e-10, "b at " + a + ", " + b);
                    assertTrue(Math.abs(ga) > 1e-5 && Math.abs(gb) > 1e-5, "the tolerance is small against the gradient");
                } else {
                    assertEquals(-Math.signum(ga), f.dx()[i]);
                    assertEquals(-Math.signum(gb), f.dy()[i]);
                }
            }
        }
        // F2's grid: GF a quarter-cell into each log cell, SpecGF at the cells' geometric centres
        double step = Math.pow(1e3, 1.0 / 11);
        assertEquals(1e-3 * Math.pow(step, 0.25), gf.x()[0], 1e-15);
        assertEquals(1e-3 * Math.sqrt(step), spec.x()[0], 1e-15);
    }

    private static double derivative(ReducedModel model, double[] w, int k) {
        double h = 1e-5;
        double[] up = w.clone();
        double[] down = w.clone();
        up[k] += h;
        down[k] -= h;
        return (model.loss(up) - model.loss(down)) / (2 * h);
    }

    /** The words name the step at which the recorded alignment first reaches 1 - eps, and the other events. */
    @Test
    void wordsNameTheAlignedStepOfTheTrajectory() {
        for (String argv : List.of("--algo gd --lr 0.02 --kappa 5 --steps 2000",
                "--algo specgd --lr 0.002 --kappa 20 --d 50 --steps 3000 --align-eps 0.05")) {
            ExploreViews.Shown s = shown(argv);
            Trajectory t = s.trajectory();
            double eps = argv.contains("0.05") ? 0.05 : 0.01;
            long first = -1;
            for (int i = 0; i < t.size(); i++) {
                if (t.get(Column.ALIGNMENT, i) >= 1 - eps) {
                    first = (long) t.get(Column.STEP, i);
                    break;
                }
            }
            assertTrue(first > 0, argv);
            String words = ExploreViews.words(s);
            assertTrue(words.contains("aligned (alignment >= " + (eps == 0.05 ? "0.95" : "0.99") + ") at step " + first + ";")
                    || words.contains("aligned (alignment >= " + (eps == 0.05 ? "0.95" : "0.99") + ") at step " + first + "."),
                    words);
            assertTrue(words.contains("escaped at step " + t.event("escaped").orElseThrow().step()), words);
            assertTrue(words.contains("the spike peaked at step " + t.event("spike-peak").orElseThrow().step()), words);
        }
    }

    /** A diverged run says where it diverged, in words and in its summary, and its views still draw. */
    @Test
    void divergenceIsReportedWithItsStep() throws Exception {
        ExploreViews.Shown s = shown("--algo gd --lr 3 --kappa 5 --steps 2000");
        assertTrue(s.trajectory().outcome().diverged());
        long step = s.trajectory().outcome().step();
        assertTrue(ExploreViews.words(s).contains("Diverged at step " + step), ExploreViews.words(s));
        for (String svg : ExploreViews.svg(List.of(s)).values()) {
            parse(svg);
        }
    }

    /** A power-law spectrum has no (a, b, c) plane: the portraits say so and draw no field. */
    @Test
    void powerLawPortraitsDrawNoField() {
        Map<String, String> views = ExploreViews.svg(List.of(
                shown("--algo gd --lr 0.05 --spectrum power-law --alpha 1 --d 200 --steps 2000")));
        for (String plane : List.of("stage1", "stage2")) {
            assertFalse(views.get(plane).contains("direction"), plane);
            assertTrue(views.get(plane).contains("no plane holds a field"), plane);
        }
        assertTrue(views.get("coefficients").contains("bulk rms"));
    }

    /**
     * The views draw a few hundred points per curve however long the run: the coefficients view of two runs of
     * 20000 recorded steps holds far fewer path points than the 6 x 20000 values behind it.
     */
    @Test
    void longRunsAreThinnedToWhatTheViewShows() {
        List<ExploreViews.Shown> runs = List.of(shown("--algo gd --lr 0.02 --kappa 5 --steps 20000"),
                shown("--algo specgd --lr 0.002 --kappa 5 --steps 20000"));
        String svg = ExploreViews.svg(runs).get("coefficients");
        long points = svg.chars().filter(ch -> ch == 'L').count();
        assertTrue(points < 6 * 500, "points drawn: " + points);
        List<Integer> sizes = new ArrayList<>();
        runs.forEach(r -> sizes.add(r.trajectory().size()));
        assertEquals(List.of(20001, 20001), sizes);
        assertTrue(Arrays.asList(svg.split("<path")).size() > 6);
    }
}
