package io.specdyn.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The training algorithms: discrete update rules with a learning rate (their rules are in
 * {@code io.specdyn.rules}), and the continuous-time flows of GD and SpecGD.
 */
public enum Algorithm {
    /** Gradient descent {@code W <- W - lr grad L}. */
    GD("gd", "GD", true),
    /** Spectral gradient descent {@code W <- W - lr polar(grad L)}. */
    SPECGD("specgd", "SpecGD", true),
    /** Muon as published: Nesterov momentum, Newton-Schulz in place of the polar factor, a shape scale. */
    MUON("muon", "Muon", true),
    /** Gradient descent with heavy-ball or Nesterov momentum. */
    MOMENTUM("momentum", "Momentum GD", true),
    /** Normalised gradient descent {@code W <- W - lr G / |G|_F}. */
    NGD("ngd", "Normalised GD", true),
    /** Adam, PyTorch's form; basis-dependent. */
    ADAM("adam", "Adam", true),
    /** Sign descent {@code W <- W - lr sign(G)}, entry by entry; basis-dependent. */
    SIGNGD("signgd", "signGD", true),
    /** Gradient flow {@code dW/dt = -grad L}. */
    GF("gf", "GF", false),
    /** Spectral flow {@code dW/dt = -polar(grad L)}, solved in Filippov's sense. */
    SPECGF("specgf", "SpecGF", false);

    private final String label;
    private final String displayName;
    private final boolean discrete;

    Algorithm(String label, String displayName, boolean discrete) {
        this.label = label;
        this.displayName = displayName;
        this.discrete = discrete;
    }

    /** The name in figures and reports, such as {@code "SpecGD"}. */
    public String displayName() {
        return displayName;
    }

    /** The name used on the command line and in files. */
    public String label() {
        return label;
    }

    public boolean isDiscrete() {
        return discrete;
    }

    /** Whether the update uses the polar factor (or its Newton-Schulz stand-in). */
    public boolean isSpectral() {
        return this == SPECGD || this == MUON || this == SPECGF;
    }

    /** Parses a label such as {@code "specgd"}, case-insensitively. */
    public static Algorithm parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (Algorithm a : values()) {
            if (a.label.equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + text + "' (expected one of "
                + Arrays.stream(values()).map(Algorithm::label).collect(Collectors.joining(", ")) + ")");
    }
}
