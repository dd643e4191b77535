package io.specdyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.model.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridTest {

    @Test
    void linearRangesAreEvenlySpacedWithExactEnds() {
        double[] v = Grid.parse("kappa", "0:50:lin26");
        assertEquals(26, v.length);
        for (int i = 0; i < v.length; i++) {
            assertEquals(2.0 * i, v[i], 0.0, "0, 2, ..., 50 are exact in binary");
        }
        double[] w = Grid.parse("kappa", "0.1:0.7:lin7");
        assertEquals(0.1, w[0], 0.0);
        assertEquals(0.7, w[6], 0.0);
        assertEquals(0.1, w[1] - w[0], 1e-15);
    }

    /** A log range over whole decades with N - 1 a multiple of their number hits every decade exactly. */
    @Test
    void logRangesHitTheirDecadesExactly() {
        double[] v = Grid.parse("lr", "1e-4:1:log41");
        assertEquals(41, v.length);
        assertEquals(1e-4, v[0], 0.0);
        assertEquals(1e-3, v[10], 0.0);
        assertEquals(1e-2, v[20], 0.0);
        assertEquals(1e-1, v[30], 0.0);
        assertEquals(1, v[40], 0.0);
        for (int i = 1; i < v.length; i++) {
            assertEquals(Math.pow(10, 0.1), v[i] / v[i - 1], 1e-14);
        }
    }

    @Test
    void listsAreSortedAndSingleValuesAllowed() {
        assertArrayEquals(new double[] {0.01, 0.1, 1}, Grid.parse("lr", " 0.1, 1 ,0.01"));
        assertArrayEquals(new double[] {5}, Grid.parse("kappa", "5"));
        assertArrayEquals(new double[] {5}, Grid.parse("kappa", "5:5:lin1"));
        assertArrayEquals(new int[] {32, 64, 128}, Grid.parseIntegers("d", "32:128:log3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5:1:lin3", "1:5:lin0", "1:5:lin1", "1:0.1:log4"})
    void emptyRangesAreRefusedByName(String text) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Grid.parse("kappa", text));
        assertTrue(e.getMessage().startsWith("kappa range '" + text + "' is empty"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1:2", "1:2:lin", "a:2:lin3", "1:2:cubic3", "0.1,,0.2", "1e-4:1:log40:2", "NaN",
        "Infinity", "0.1;0.2"})
    void malformedAxesAreRefused(String text) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Grid.parse("lr", text));
        assertTrue(e.getMessage().startsWith("lr "), e.getMessage());
    }

    @Test
    void duplicatesAndNonPositiveLogEndsAreRefused() {
        assertThrows(InvalidSpecException.class, () -> Grid.parse("lr", "0.1,0.2,0.1"));
        assertThrows(InvalidSpecException.class, () -> Grid.parse("lr", "0:1:log5"));
        assertThrows(InvalidSpecException.class, () -> Grid.parseIntegers("d", "100.5"));
        assertThrows(InvalidSpecException.class, () -> Grid.parseIntegers("d", "10:12:lin6"));
    }
}
