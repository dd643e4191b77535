package io.specdyn.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The training algorithms: discrete maps with a learning rate, and their continuous-time flows.
 */
public enum Algorithm {
    /** Gradient descent {@code W <- W - lr grad L}. */
    GD("gd", true),
    /** Spectral gradient descent {@code W <- W - lr polar(grad L)}. */
    SPECGD("specgd", true),
    /** SpecGD with Muon's quintic Newton-Schulz iteration in place of the polar factor (full only). */
    MUON("muon", true),
    /** Gradient flow {@code dW/dt = -grad L}. */
    GF("gf", false),
    /** Spectral flow {@code dW/dt = -polar(grad L)}, solved in Filippov's sense. */
    SPECGF("specgf", false);

    private final String label;
    private final boolean discrete;

    Algorithm(String label, boolean discrete) {
        this.label = label;
        this.discrete = discrete;
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
