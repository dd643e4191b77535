package io.specdyn.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.specdyn.analysis.SweepSpec;
import io.specdyn.model.Algorithm;
import io.specdyn.model.LearningRate;
import io.specdyn.rules.RuleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep folder's {@code sweep.json} read back ({@link SweepStore} writes it). Members not named
 * here are skipped; members named here and missing are {@code null}, and {@link Spec#toSpec()} says
 * which one in plain words.
 *
 * @param program   {@code specdyn}
 * @param version   the version of the program that wrote it
 * @param shard     the share of the sweep, {@code I/N}
 * @param spec      the sweep's spec
 * @param csvSha256 the SHA-256 of {@code sweep.csv}, once it is written
 */
public record SweepJson(String program, String version, String shard, Spec spec,
                        @JsonProperty("csv_sha256") String csvSha256) {

    /** The {@code spec} member, as {@link SweepSpec#toJson()} writes it. */
    public record Spec(String engine, String spectrum, List<String> algo, int[] d, double[] kappa, double[] alpha,
                       @JsonProperty("signal-index") Long signalIndex, double[] lr, Integer seeds,
                       @JsonProperty("max-steps") Long maxSteps, Integer hold,
                       @JsonProperty("align-eps") Double alignEps, @JsonProperty("loss-tol") Double lossTol,
                       String init, @JsonProperty("init-scale") Double initScale,
                       @JsonProperty("samples-n") Integer samplesN, Integer threads, double[] momentum,
                       @JsonProperty("ns-steps") int[] nsSteps, List<String> schedule, Long warmup,
                       @JsonProperty("lr-min") Double lrMin, Boolean nesterov, @JsonProperty("ns-eps") Double nsEps,
                       @JsonProperty("ns-precision") String nsPrecision, String orthogonalizer, Double beta1,
                       Double beta2, @JsonProperty("adam-eps") Double adamEps, String basis) {

        /**
         * The spec these members describe; {@code threads} absent means not recorded, {@code spectrum}
         * absent a spiked sweep (whose axis is {@code kappa}), {@code signal-index} absent the default; the rule
         * axes and settings absent, none (a sweep written before they existed reads as such).
         *
         * @throws IllegalArgumentException if a member is missing or the spec is invalid
         */
        public SweepSpec toSpec() {
            List<Algorithm> algorithms = new ArrayList<>();
            for (String label : required(algo, "algo")) {
                algorithms.add(Algorithm.parse(label));
            }
            SweepSpec.Family family = spectrum == null ? SweepSpec.Family.SPIKED : SweepSpec.Family.parse(spectrum);
            double[] other = family == SweepSpec.Family.SPIKED ? alpha : kappa;
            if (other != null) {
                throw new IllegalArgumentException("sweep spec: a " + family.label() + " sweep has no '"
                        + (family == SweepSpec.Family.SPIKED ? "alpha" : "kappa") + "'");
            }
            double[] shapes = required(family == SweepSpec.Family.SPIKED ? kappa : alpha, family.shape());
            return new SweepSpec(required(engine, "engine"), algorithms, required(d, "d"), shapes,
                    required(lr, "lr"), required(seeds, "seeds"), required(maxSteps, "max-steps"),
                    required(hold, "hold"), required(alignEps, "align-eps"), required(lossTol, "loss-tol"),
                    required(init, "init"), required(initScale, "init-scale"), required(samplesN, "samples-n"),
                    threads == null ? 0 : threads, family, signalIndex == null ? 0 : signalIndex, rules());
        }

        private SweepSpec.RuleAxes rules() {
            List<LearningRate> schedules = new ArrayList<>();
            for (String label : schedule == null ? List.of("constant") : schedule) {
                schedules.add(SweepSpec.RuleAxes.schedule(label, lrMin == null ? 0 : lrMin, warmup == null ? 0 : warmup));
            }
            if (nsPrecision != null && !nsPrecision.equals("double") && !nsPrecision.equals("bf16")) {
                throw new IllegalArgumentException("sweep spec: 'ns-precision' must be double or bf16");
            }
            if (basis != null && !basis.equals("canonical")) {
                throw new IllegalArgumentException("sweep spec: 'basis' must be canonical when present");
            }
            RuleSettings fixed = new RuleSettings(null, nesterov, null, nsEps,
                    nsPrecision == null ? null : nsPrecision.equals("bf16"), beta1, beta2, adamEps, orthogonalizer);
            return new SweepSpec.RuleAxes(momentum == null ? new double[0] : momentum,
                    nsSteps == null ? new int[0] : nsSteps, schedules, fixed, basis != null);
        }

        private static <T> T required(T value, String key) {
            if (value == null) {
                throw new IllegalArgumentException("sweep spec: '" + key + "' is missing");
            }
            return value;
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException if it is not JSON or its members have the wrong types
     */
    public static SweepJson parse(String text) {
        return Json.read(text, SweepJson.class);
    }
}
