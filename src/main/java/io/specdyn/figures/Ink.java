package io.specdyn.figures;

import io.specdyn.model.Algorithm;
import java.awt.Color;

/**
 * The colour of a curve: one per algorithm, the same in every figure (Okabe-Ito, readable with
 * colour-vision deficiencies, for the first six; brown, purple and olive for the other rules), and
 * neutral greys for references and theory.
 */
public enum Ink {
    GD(new Color(0x00, 0x72, 0xB2)),
    GF(new Color(0x56, 0xB4, 0xE9)),
    SPECGD(new Color(0xD5, 0x5E, 0x00)),
    SPECGF(new Color(0xE6, 0x9F, 0x00)),
    MUON(new Color(0x00, 0x9E, 0x73)),
    MOMENTUM(new Color(0xCC, 0x79, 0xA7)),
    NGD(new Color(0x8C, 0x56, 0x4B)),
    ADAM(new Color(0x6A, 0x3D, 0x9A)),
    SIGNGD(new Color(0x9E, 0x8C, 0x00)),
    /** Theory: predicted slopes, closed forms, thresholds. */
    THEORY(new Color(0x33, 0x33, 0x33)),
    /** References: population runs, surfaces, axes of symmetry. */
    REFERENCE(new Color(0x99, 0x99, 0x99));

    private final Color color;

    Ink(Color color) {
        this.color = color;
    }

    public Color color() {
        return color;
    }

    /** A lighter tint of this colour ({@code amount} in [0, 1], 1 is white), for fields and secondary curves. */
    public Color tint(double amount) {
        return new Color(mix(color.getRed(), amount), mix(color.getGreen(), amount), mix(color.getBlue(), amount));
    }

    private static int mix(int c, double amount) {
        return (int) Math.round(c + (255 - c) * amount);
    }

    /** The ink of an algorithm. */
    public static Ink of(Algorithm algorithm) {
        return switch (algorithm) {
            case GD -> GD;
            case GF -> GF;
            case SPECGD -> SPECGD;
            case SPECGF -> SPECGF;
            case MUON -> MUON;
            case MOMENTUM -> MOMENTUM;
            case NGD -> NGD;
            case ADAM -> ADAM;
            case SIGNGD -> SIGNGD;
        };
    }
}
