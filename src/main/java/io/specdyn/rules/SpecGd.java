package io.specdyn.rules;

import io.specdyn.model.Algorithm;

/** Spectral gradient descent: {@code D = polar(G)}, the exact polar factor. */
public record SpecGd() implements UpdateRule {

    static SpecGd of(RuleSettings settings) {
        return new SpecGd();
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.SPECGD;
    }

    @Override
    public boolean rotationEquivariant() {
        return true;
    }

    @Override
    public <T> Optimizer<T> start(Space<T> space) {
        return space::polar;
    }
}
