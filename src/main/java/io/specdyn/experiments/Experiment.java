package io.specdyn.experiments;

import io.specdyn.figures.Figure;
import java.util.Map;

/**
 * A named experiment behind one figure of the catalogue: its parameters (written to the figures'
 * manifest) and the computation that produces the figure from the engines.
 */
public interface Experiment {

    /** Short identifier, for example {@code F2}. */
    String id();

    /** File name stem, for example {@code F2-stage-I-phase-portrait}. */
    String name();

    String title();

    /** The experiment's parameters in full or quick mode, for the manifest. */
    Map<String, Object> parameters(boolean quick);

    /** Runs the experiment and lays out its figure. */
    Figure build(boolean quick);
}
