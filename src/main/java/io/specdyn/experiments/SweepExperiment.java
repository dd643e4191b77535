package io.specdyn.experiments;

import io.specdyn.analysis.SweepExecutor;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import java.util.Map;

/** The catalogue's learning-rate sweeps: run in memory on every core, deterministic whatever their number. */
final class SweepExperiment {
    private SweepExperiment() {
    }

    static SweepSummary run(SweepSpec spec) {
        try {
            return SweepSummary.of(spec, SweepExecutor.computeAll(spec, Runtime.getRuntime().availableProcessors()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link SweepSummary#spread} on every core. */
    static SweepSummary.Spread[] spread(SweepSummary summary, int jitters, double relative) {
        try {
            return summary.spread(jitters, relative, Runtime.getRuntime().availableProcessors());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The spec in the manifest, without the cell count (a function of the rest). */
    static Map<String, Object> parameters(SweepSpec spec) {
        Map<String, Object> p = spec.toJson();
        p.remove("cells");
        return p;
    }
}
