package io.specdyn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.specdyn.io.SpectrumFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The groups of a spectrum (theory-notes/model.md, section 6) against lists made by hand: the signal
 * a group of its own, a named spike a group of its own, the other directions merged by eigenvalue and
 * ordered by decreasing eigenvalue; {@code expand()} and {@code groupOfDirections()} in basis order;
 * the signal index counted in the expanded list.
 */
class GroupSpectrumTest {

    private static void assertGroups(GroupSpectrum g, double[] eigenvalues, double[] multiplicities) {
        assertArrayEquals(eigenvalues, g.eigenvalues(), 0.0, g.toString());
        assertArrayEquals(multiplicities, g.multiplicities(), 0.0, g.toString());
    }

    /**
     * Runs (1 x1), (4 x2), (1 x3), (0.5 x2), (4 x1) with the signal at position 3 of the expanded list
     * [1, 4, 4, 1, 1, 1, 0.5, 0.5, 4]: the signal takes one of the three 4s and stays alone; the spike
     * group is the other two 4s (positions 2 and 9, not neighbours), then the four 1s, then the 0.5s.
     */
    @Test
    void groupsOfAListMadeByHand() {
        GroupSpectrum g = GroupSpectrum.of(new double[] {1, 4, 1, 0.5, 4}, new long[] {1, 2, 3, 2, 1}, 3, "hand");
        assertEquals(9, g.d());
        assertGroups(g, new double[] {4, 4, 1, 0.5}, new double[] {1, 2, 4, 2});
        assertArrayEquals(new double[] {1, 4, 4, 1, 1, 1, 0.5, 0.5, 4}, g.expand(), 0.0);
        assertArrayEquals(new int[] {2, 1, 0, 2, 2, 2, 3, 3, 1}, g.groupOfDirections());
        assertEquals(2, g.signalPosition());
        assertEquals(1, g.spikePosition(), "the first direction of the spike group");
        assertFalse(g.spikeNamed());
        assertEquals("2", g.name(1));
        assertArrayEquals(new double[] {1, 0, 0, 0}, new double[] {g.target(0), g.target(1), g.target(2), g.target(3)}, 0.0);

        // the signal moved to position 2, also a 4: the same groups, another direction alone
        GroupSpectrum h = GroupSpectrum.of(new double[] {1, 4, 1, 0.5, 4}, new long[] {1, 2, 3, 2, 1}, 2, "hand");
        assertArrayEquals(new int[] {2, 0, 1, 2, 2, 2, 3, 3, 1}, h.groupOfDirections());
        assertEquals(2, h.spikePosition());
    }

    /** A named spike is its own group even when its eigenvalue equals the bulk's, and so is the signal. */
    @Test
    void aNamedSpikeIsItsOwnGroup() {
        GroupSpectrum flat = GroupSpectrum.threeLevel(6, 1, 1, 1, 1);
        assertGroups(flat, new double[] {1, 1, 1}, new double[] {1, 1, 4});
        assertTrue(flat.isThreeGroup());
        assertEquals("b", flat.name(1));
        assertArrayEquals(new int[] {0, 1, 2, 2, 2, 2}, flat.groupOfDirections());

        // spiked with the signal third: spike first, then bulk, signal, bulk
        GroupSpectrum moved = GroupSpectrum.spiked(6, 5, 3);
        assertArrayEquals(new double[] {6, 1, 1, 1, 1, 1}, moved.expand(), 0.0);
        assertArrayEquals(new int[] {1, 2, 0, 2, 2, 2}, moved.groupOfDirections());
        assertGroups(moved, new double[] {1, 6, 1}, new double[] {1, 1, 4});
    }

    /** The spiked and three-level spectra are the groups (lt, lu, lp) with multiplicities (1, 1, d - 2), wherever the signal. */
    @Test
    void spikedSpectraAreThreeGroups() {
        for (long s : new long[] {1, 2, 50, 100}) {
            assertGroups(GroupSpectrum.spiked(100, 5, s), new double[] {1, 6, 1}, new double[] {1, 1, 98});
            assertGroups(GroupSpectrum.threeLevel(100, 1.3, 0.2, 0.7, s), new double[] {1.3, 0.2, 0.7}, new double[] {1, 1, 98});
            assertTrue(GroupSpectrum.spiked(100, 5, s).isThreeGroup());
        }
        assertGroups(GroupSpectrum.spiked(1_000_000_000L, 20), new double[] {1, 21, 1}, new double[] {1, 1, 999_999_998});
    }

    /**
     * spikes:K1,K2,...: I + sum K_i u_i u_i^T on the first directions other than the signal. With
     * (5, -0.5, 5) and the signal second: [6, 1, 0.5, 6, 1, 1, 1, 1, 1, 1]; the two 6s are one group.
     */
    @Test
    void severalSpikes() {
        GroupSpectrum g = GroupSpectrum.spikes(10, new double[] {5, -0.5, 5}, 2);
        assertArrayEquals(new double[] {6, 1, 0.5, 6, 1, 1, 1, 1, 1, 1}, g.expand(), 0.0);
        assertGroups(g, new double[] {1, 6, 1, 0.5}, new double[] {1, 2, 6, 1});
        assertArrayEquals(new int[] {1, 0, 3, 1, 2, 2, 2, 2, 2, 2}, g.groupOfDirections());
        assertFalse(g.spikeNamed());
        // the signal after the spikes; and resized, the spikes stay
        GroupSpectrum late = GroupSpectrum.spikes(10, new double[] {5, 2}, 7);
        assertArrayEquals(new double[] {6, 3, 1, 1, 1, 1, 1, 1, 1, 1}, late.expand(), 0.0);
        assertEquals(6, late.signalPosition());
        assertGroups(late.withD(1_000_000), new double[] {1, 6, 3, 1}, new double[] {1, 1, 1, 999_997});
        InvalidSpecException low = assertThrows(InvalidSpecException.class, () -> GroupSpectrum.spikes(10, new double[] {2, -1}, 1));
        assertEquals("spectrum", low.parameter());
        assertEquals("d", assertThrows(InvalidSpecException.class,
                () -> GroupSpectrum.spikes(4, new double[] {1, 2, 3, 4}, 1)).parameter());
    }

    /**
     * d = 10^9 from a three-line file, the signal in the middle of the last run (index counted in the
     * expanded list): three groups, computed from the runs. The model's sums run over the groups, and
     * nothing the size of d is allocated: 5 * 10^9 directions, beyond any Java array, work the same,
     * and only the full engine's expansion refuses them.
     */
    @Test
    void aBillionDirectionsFromThreeLines(@TempDir Path tmp) throws IOException {
        for (long d : new long[] {1_000_000_000L, 5_000_000_000L}) {
            Path file = Files.writeString(tmp.resolve("eig-" + d + ".txt"), "1\n20   # the spike\n1 " + (d - 2) + "\n");
            SpectrumFile.Runs runs = SpectrumFile.read(file);
            GroupSpectrum g = GroupSpectrum.of(runs.values(), runs.counts(), d / 2, file.toString());
            assertEquals(d, g.d());
            assertEquals(d / 2 - 1, g.signalPosition());
            assertEquals(1, g.spikePosition());
            assertGroups(g, new double[] {1, 20, 1}, new double[] {1, 1, d - 2});
            ReducedModel m = new ReducedModel(g);
            double s = 1e-3;
            double[] w = {s, s, s};
            // T = (s^2 - 1) + 20 s^2 + (d - 2) s^2
            double t = (s * s - 1) + 20 * s * s + (d - 2) * s * s;
            assertEquals(t, m.meanError(w), 1e-15 * Math.abs(t) * 4);
            assertEquals(s * s / Math.sqrt(d * s * s * s * s), m.alignment(w), 1e-15);
        }
        GroupSpectrum huge = GroupSpectrum.spiked(5_000_000_000L, 5);
        assertThrows(IllegalArgumentException.class, huge::expand);
    }
}
