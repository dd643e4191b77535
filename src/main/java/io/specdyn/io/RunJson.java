package io.specdyn.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.specdyn.model.Algorithm;
import io.specdyn.model.ReducedModel;
import io.specdyn.model.Spectrum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run's {@code run.json} read back ({@link RunManifest} writes it): the members that reading a
 * run folder needs. Members not named here are skipped; members named here and missing are
 * {@code null}, and the accessors below that need them say so in plain words.
 *
 * @param program  {@code specdyn}
 * @param version  the version of the program that wrote it
 * @param command  the command that wrote it, {@code run}
 * @param argv     its command line
 * @param engine   {@code reduced} or {@code full}
 * @param algo     the algorithm's label
 * @param problem  the problem: a reduced run's three eigenvalues, a full run's spectrum
 * @param outcome  how the run ended
 * @param rows     the number of trajectory rows
 */
public record RunJson(String program, String version, String command, List<String> argv, String engine, String algo,
                      Problem problem, Outcome outcome, Long rows) {

    /** The {@code problem} member: {@code d} and either {@code lt, lu, lp} or a full run's {@code spectrum}. */
    public record Problem(Long d, Integer m, Double kappa, Double lt, Double lu, Double lp, SpectrumJson spectrum) {
    }

    /** A full run's {@code problem.spectrum}: its kind and, for the spiked one, kappa. */
    public record SpectrumJson(String kind, Double kappa) {
    }

    /**
     * The {@code outcome} member.
     *
     * @param status {@code completed}, {@code diverged} or {@code failed}
     */
    public record Outcome(String status, Long step, Double t, String detail) {
        public boolean failed() {
            return "failed".equals(status);
        }
    }

    /**
     * Reads and parses {@code file}.
     *
     * @throws IllegalArgumentException if it is not JSON or its members have the wrong types
     */
    public static RunJson read(Path file) throws IOException {
        return Json.read(Files.readString(file), RunJson.class);
    }

    /** @throws IllegalArgumentException if {@code algo} is missing or unknown */
    public Algorithm algorithm() {
        if (algo == null) {
            throw new IllegalArgumentException("'algo' is missing");
        }
        return Algorithm.parse(algo);
    }

    /** @throws IllegalArgumentException if {@code outcome.status} is missing */
    public Outcome requireOutcome() {
        if (outcome == null || outcome.status() == null) {
            throw new IllegalArgumentException("'outcome.status' is missing");
        }
        return outcome;
    }

    /**
     * The reduced problem of the run, when its spectrum has three levels: a reduced run's
     * {@code lt, lu, lp}, or a full run's spiked spectrum; empty for other spectra.
     *
     * @throws IllegalArgumentException if {@code problem} or {@code problem.d} is missing, or the
     *                                  values are not a valid problem
     */
    public Optional<ReducedModel> reducedModel() {
        if (problem == null) {
            throw new IllegalArgumentException("'problem' is missing");
        }
        if (problem.d() == null) {
            throw new IllegalArgumentException("'problem.d' is missing");
        }
        if (problem.lt() != null || problem.lu() != null || problem.lp() != null) {
            if (problem.lt() == null || problem.lu() == null || problem.lp() == null) {
                throw new IllegalArgumentException("'problem' needs all of lt, lu and lp");
            }
            return Optional.of(new ReducedModel(problem.d(), new Spectrum(problem.lt(), problem.lu(), problem.lp())));
        }
        SpectrumJson s = problem.spectrum();
        if (s != null && "spiked".equals(s.kind())) {
            if (s.kappa() == null) {
                throw new IllegalArgumentException("'problem.spectrum.kappa' is missing");
            }
            return Optional.of(ReducedModel.spiked(problem.d(), s.kappa()));
        }
        return Optional.empty();
    }
}
