package io.specdyn.cli;

import io.specdyn.model.Algorithm;
import io.specdyn.model.InvalidSpecException;
import io.specdyn.model.LearningRate;
import io.specdyn.model.Range;
import io.specdyn.reduced.Schedule;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * How long a run goes and what of it is written: steps of a discrete map (every how many are
 * written) or the interval of a flow (and its rows), the learning-rate schedule of a discrete
 * map, and the aligned threshold.
 */
final class ScheduleOptions {
    /** The options of the learning-rate schedule, which the flows refuse. */
    static final String[] RATE_NAMES = {"--schedule", "--warmup", "--lr-min"};

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--lr", converter = Converters.Positive.class, defaultValue = "1e-3", paramLabel = "LR",
            description = "Learning rate of the discrete rules, > 0 (default: ${DEFAULT-VALUE}); with --schedule, the "
                    + "rate of the first step after any warm-up.")
    double lr;

    @Option(names = "--steps", converter = Converters.PositiveLong.class, defaultValue = "5000", paramLabel = "N",
            description = "Steps of the discrete rules, >= 1 (default: ${DEFAULT-VALUE}); the rows are written as they "
                    + "are computed, so a run is limited by its disk, not by memory.")
    long steps;

    @Option(names = "--t-end", converter = Converters.Positive.class, defaultValue = "5", paramLabel = "T",
            description = "End time of gf and specgf, > 0 (default: ${DEFAULT-VALUE}); for the discrete rules, "
                    + "sets --steps to t-end / lr.")
    double tEnd;

    @Option(names = "--samples", converter = Converters.SampleCount.class, defaultValue = "1001", paramLabel = "N",
            description = "Evenly spaced rows on [0, t-end] for gf and specgf, >= 2; a row is added at every "
                    + "event (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--every", converter = Converters.PositiveInt.class, defaultValue = "1", paramLabel = "N",
            description = "Write every N-th step of a discrete rule, and the last, N >= 1 (default: ${DEFAULT-VALUE}); "
                    + "events keep their exact step. Flows write --samples rows instead.")
    int every;

    @Option(names = "--schedule", converter = ShapeConverter.class, defaultValue = "constant", paramLabel = "KIND",
            description = "Learning-rate schedule of the discrete rules over N = --steps steps, k = 0..N-1 "
                    + "(default: ${DEFAULT-VALUE}): constant (lr_k = lr); cosine (lr_min + (lr - lr_min)(1 + cos(pi k/N))/2); "
                    + "linear (lr + (lr_min - lr) k/N); exp:GAMMA (max(lr_min, lr GAMMA^k), GAMMA in (0, 1]); "
                    + "inverse-sqrt (max(lr_min, lr / sqrt(k + 1))). The t column is the sum of the rates of the "
                    + "steps before.")
    Shape shape;

    @Option(names = "--warmup", converter = Converters.PositiveLong.class, paramLabel = "W",
            description = "Warm-up of W >= 1 steps: every rate is multiplied by min(1, (k + 1)/W) (default: none).")
    long warmup;

    @Option(names = "--lr-min", converter = Converters.NonNegative.class, paramLabel = "LR",
            description = "Floor of the schedule, a number in [0, --lr] (default: 0): the end rate of cosine and "
                    + "linear, the lower clip of exp and inverse-sqrt; not for constant.")
    double lrMin;

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

    /** The learning-rate schedule given by --schedule, --warmup and --lr-min. */
    LearningRate rate() {
        if (shape.kind() == LearningRate.Kind.CONSTANT && Options.given(mixee, "--lr-min")) {
            throw new ErrorHandlers.UsageException("--lr-min applies to --schedule cosine, linear, exp:GAMMA and "
                    + "inverse-sqrt, not to constant");
        }
        if (!(lrMin <= lr)) {
            throw new ErrorHandlers.UsageException("--lr-min must be a finite number in [0, --lr] (got " + lrMin
                    + " with --lr " + lr + ")");
        }
        return new LearningRate(shape.kind(), lrMin, warmup, shape.gamma());
    }

    /** The value of {@code --schedule}: a kind, and its gamma (1 but for exp). */
    record Shape(LearningRate.Kind kind, double gamma) {
    }

    /** Reads {@code --schedule}. */
    static final class ShapeConverter implements ITypeConverter<Shape> {

        static final String ACCEPTED = "must be constant, cosine, linear, exp:GAMMA with GAMMA in (0, 1], or inverse-sqrt";

        @Override
        public Shape convert(String value) {
            String text = value.trim();
            for (LearningRate.Kind kind : LearningRate.Kind.values()) {
                if (kind != LearningRate.Kind.EXP && kind.label().equals(text)) {
                    return new Shape(kind, 1);
                }
            }
            if (text.startsWith("exp:")) {
                try {
                    double gamma = Converters.parseDouble(text.substring(4), Range.POSITIVE);
                    if (gamma <= 1) {
                        return new Shape(LearningRate.Kind.EXP, gamma);
                    }
                } catch (TypeConversionException e) {
                    // not a number: the one message below
                }
            }
            throw new TypeConversionException(ACCEPTED + " (got '" + value + "')");
        }
    }

    /** Schedule of {@code algorithm}, refusing options that do not apply to it. */
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
            LearningRate rate = rate();
            if (!rate.isConstant() && Options.given(mixee, "--t-end")) {
                throw new ErrorHandlers.UsageException("--t-end sets the steps of a constant learning rate; give "
                        + "--steps with --schedule " + rate.label() + " or --warmup");
            }
            return new Schedule.Discrete(lr, n, rate);
        }
        Options.refuse(mixee, algorithm, "the discrete rules", "--lr", "--steps");
        Options.refuse(mixee, algorithm, "the discrete rules", RATE_NAMES);
        if (Options.given(mixee, "--every")) {
            throw new ErrorHandlers.UsageException("--every applies to the discrete rules, not to "
                    + algorithm.label() + ", whose rows --samples sets");
        }
        return new Schedule.Continuous(tEnd, samples, integrator.settings());
    }
}
