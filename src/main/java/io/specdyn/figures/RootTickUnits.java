package io.specdyn.figures;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;

/**
 * JFreeChart's standard tick units (1, 2, 5 times a power of ten) with labels formatted in
 * {@link Locale#ROOT}. JFreeChart's own {@link NumberTickUnitSource} builds its formats from the
 * JVM's default locale, so a German default would label a tick "0,05"; this source chooses the same
 * sizes and the same patterns, in one locale.
 */
final class RootTickUnits implements TickUnitSource {
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    /** Chooses the sizes only; its labels are replaced. */
    private final NumberTickUnitSource sizes = new NumberTickUnitSource();

    @Override
    public TickUnit getLargerTickUnit(TickUnit unit) {
        TickUnit ceiling = sizes.getCeilingTickUnit(unit.getSize());
        return root(ceiling.getSize() == unit.getSize() ? sizes.getLargerTickUnit(ceiling) : ceiling);
    }

    @Override
    public TickUnit getCeilingTickUnit(TickUnit unit) {
        return getCeilingTickUnit(unit.getSize());
    }

    @Override
    public TickUnit getCeilingTickUnit(double size) {
        return root(sizes.getCeilingTickUnit(size));
    }

    /** An integer format in the root locale, for the exponents of log axes. */
    static NumberFormat integers() {
        return new DecimalFormat("0", SYMBOLS);
    }

    /** {@code unit} with the label pattern JFreeChart uses for its power of ten, in the root locale. */
    private static NumberTickUnit root(TickUnit unit) {
        int power = (int) Math.floor(Math.log10(unit.getSize()) + 1e-9);
        String pattern = switch (power) {
            case -4 -> "0.0000";
            case -3 -> "0.000";
            case -2 -> "0.00";
            case -1 -> "0.0";
            default -> power >= 0 && power <= 6 ? "#,##0" : "#.######E0";
        };
        return new NumberTickUnit(unit.getSize(), new DecimalFormat(pattern, SYMBOLS), unit.getMinorTickCount());
    }
}
