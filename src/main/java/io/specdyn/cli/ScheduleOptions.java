package io.specdyn.cli;

import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.reduced.Schedule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How long a run goes and what of it is written: steps of a discrete map (every how many are
 * written) or the interval of a flow (and its rows), and the aligned threshold.
 */
final class ScheduleOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--lr", converter = Converters.Positive.class, defaultValue = "1e-3", paramLabel = "LR",
            description = "Learning rate of gd and specgd, > 0 (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--steps", converter = Converters.PositiveLong.class, defaultValue = "5000", paramLabel = "N",
            description = "Steps of gd and specgd, >= 1 (default: ${DEFAULT-VALUE}); the rows are written as they "
                    + "are computed, so a run is limited by its disk, not by memory.")
    long steps;

    @Option(names = "--t-end", converter = Converters.Positive.class, defaultValue = "5", paramLabel = "T",
            description = "End time of gf and specgf, > 0 (default: ${DEFAULT-VALUE}); for gd and specgd, "
                    + "sets --steps to t-end / lr.")
    double tEnd;

    @Option(names = "--samples", converter = Converters.SampleCount.class, defaultValue = "1001", paramLabel = "N",
            description = "Evenly spaced rows on [0, t-end] for gf and specgf, >= 2; a row is added at every "
                    + "event (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--every", converter = Converters.PositiveInt.class, defaultValue = "1", paramLabel = "N",
            description = "Write every N-th step of gd, specgd and muon, and the last, N >= 1 (default: ${DEFAULT-VALUE}); "
                    + "events keep their exact step. Flows write --samples rows instead.")
    int every;

    @Option(names = "--align-eps", converter = Converters.OpenUnit.class, defaultValue = "0.01", paramLabel = "EPS",
            description = "The aligned event is alignment >= 1 - eps, eps in (0, 1) (default: ${DEFAULT-VALUE}).")
    double alignEps;

    /**
     * Rows a discrete run of {@code steps} steps writes when it writes every {@code every}-th step
     * and the last: steps 0, every, 2 every, ... up to {@code steps}, and {@code steps} itself.
     */
    static double recordedRows(long steps, long every) {
        return (double) (steps / every) + 1 + (steps % every == 0 ? 0 : 1);
    }

    /** The schedule of {@code algorithm}, refusing options that do not apply to it. */
    Schedule schedule(Algorithm algorithm, IntegratorOptions integrator) {
        if (algorithm.isDiscrete()) {
            Options.refuse(mixee, algorithm, "gf and specgf", "--samples");
            Options.refuse(mixee, algorithm, "gf and specgf", IntegratorOptions.NAMES);
            if (Options.given(mixee, "--t-end") && Options.given(mixee, "--steps")) {
                throw new ErrorHandlers.UsageException("give --steps or --t-end, not both");
            }
            long n = steps;
            if (Options.given(mixee, "--t-end")) {
                if (!(tEnd / lr < 0x1p63)) {
                    throw new InvalidSpecException("t-end", "must be at most " + Long.MAX_VALUE + " steps of --lr "
                            + lr + " (got " + tEnd + ", t-end / lr = " + tEnd / lr + ")");
                }
                n = Math.round(tEnd / lr);
                if (n < 1) {
                    throw new InvalidSpecException("t-end", "must be at least one step of --lr " + lr + " (got " + tEnd + ")");
                }
            }
            return new Schedule.Discrete(lr, n);
        }
        Options.refuse(mixee, algorithm, "gd and specgd", "--lr", "--steps");
        if (Options.given(mixee, "--every")) {
            throw new ErrorHandlers.UsageException("--every applies to the discrete maps (gd, specgd, muon), not to "
                    + algorithm.label() + ", whose rows --samples sets");
        }
        return new Schedule.Continuous(tEnd, samples, integrator.settings());
    }
}
