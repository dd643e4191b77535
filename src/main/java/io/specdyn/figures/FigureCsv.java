package io.specdyn.figures;

import io.specdyn.io.Numbers;
import java.io.IOException;
import java.io.Writer;

/**
 * The data of a figure as plotted, one row per point: {@code panel,series,kind,x,y,dx,dy}, where
 * {@code kind} is {@code line} (a curve or point set; dx, dy empty), {@code arrow} (a field),
 * {@code cell} (a heat-map cell: dx holds its value, dy its kind: 0 value, 1 diverged, 2 missing, 3 other) or
 * {@code guide} (a reference line at x, or at y).
 */
public final class FigureCsv {
    public static final String HEADER = "panel,series,kind,x,y,dx,dy";

    private FigureCsv() {
    }

    public static void write(Figure figure, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (int p = 0; p < figure.panels().size(); p++) {
            Panel panel = figure.panels().get(p);
            String panelName = quote(panel.title());
            for (Series s : panel.series()) {
                String name = quote(s.label());
                for (int i = 0; i < s.size(); i++) {
                    out.write(panelName + "," + name + ",line," + Numbers.format(s.x()[i]) + "," + Numbers.format(s.y()[i])
                            + ",,\n");
                }
            }
            for (ArrowField f : panel.fields()) {
                String name = quote(f.label());
                for (int i = 0; i < f.size(); i++) {
                    out.write(panelName + "," + name + ",arrow," + Numbers.format(f.x()[i]) + "," + Numbers.format(f.y()[i])
                            + "," + Numbers.format(f.dx()[i]) + "," + Numbers.format(f.dy()[i]) + "\n");
                }
            }
            for (HeatMap m : panel.maps()) {
                String name = quote(m.valueLabel());
                for (int i = 0; i < m.size(); i++) {
                    out.write(panelName + "," + name + ",cell," + Numbers.format(m.x()[i]) + "," + Numbers.format(m.y()[i])
                            + "," + Numbers.format(m.value()[i]) + "," + m.kind()[i] + "\n");
                }
            }
            for (Panel.Guide g : panel.guides()) {
                String at = Numbers.format(g.value());
                out.write(panelName + "," + quote(g.label()) + ",guide," + (g.vertical() ? at + "," : "," + at) + ",,\n");
            }
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
