package io.specdyn.cli;

import io.specdyn.full.CovarianceSpectrum;
import io.specdyn.full.FullProblem;
import io.specdyn.full.Teachers;
import io.specdyn.io.TeacherFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The teacher of a full run: its direction (the signal's eigenvector, a random direction, or one read
 * from a file, given in the covariance eigenbasis) and how its length is fixed. The reduced model
 * assumes the teacher is a covariance eigenvector of unit length; {@link #requireReducible} refuses
 * any other where a run needs the reduction.
 */
final class TeacherOptions {

    /** The value of {@code --teacher}. */
    sealed interface Choice {
        String label();

        record Eigen() implements Choice {
            @Override
            public String label() {
                return "eigen";
            }
        }

        record Random() implements Choice {
            @Override
            public String label() {
                return "random";
            }
        }

        record File(Path path) implements Choice {
            @Override
            public String label() {
                return "file";
            }
        }
    }

    enum NormChoice {
        unit(Teachers.Norm.UNIT), sigma(Teachers.Norm.SIGMA);

        final Teachers.Norm norm;

        NormChoice(Teachers.Norm norm) {
            this.norm = norm;
        }
    }

    /** {@code eigen}, {@code random} or {@code file:PATH}. */
    static final class ChoiceConverter implements ITypeConverter<Choice> {
        @Override
        public Choice convert(String value) {
            String key = value.trim();
            if (key.equals("eigen")) {
                return new Choice.Eigen();
            }
            if (key.equals("random")) {
                return new Choice.Random();
            }
            if (key.startsWith("file:") && key.length() > "file:".length()) {
                return new Choice.File(Path.of(key.substring("file:".length())));
            }
            throw new TypeConversionException("must be eigen, random or file:PATH (got '" + value + "')");
        }
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--teacher", converter = ChoiceConverter.class, defaultValue = "eigen", paramLabel = "TEACHER",
            description = "Direction theta of the teacher y = (theta . x)^2: eigen (the signal's eigenvector, placed by "
                    + "--signal-index), random (uniform on the sphere, from --seed: a normalised Gaussian vector in the "
                    + "eigenbasis) or file:PATH (theta's d components in the covariance eigenbasis, in basis order, one a "
                    + "line; # starts a comment) (default: ${DEFAULT-VALUE}). Full engine only: the reduced model needs "
                    + "the eigenvector.")
    Choice teacher;

    @Option(names = "--teacher-norm", defaultValue = "unit", paramLabel = "NORM",
            description = "Length of the teacher: unit (|theta| = 1) or sigma (theta^T Sigma theta = 1, a mean label "
                    + "E[y] of 1) (default: ${DEFAULT-VALUE}). Full engine only.")
    NormChoice norm;

    /**
     * Refuses a teacher that is not the unit eigenvector where {@code context} needs the reduction,
     * which assumes it (theory-notes/model.md, sections 1 and 3).
     */
    void requireReducible(String context) {
        String reason = ": the reduced model assumes the teacher is a covariance eigenvector of unit length "
                + "(--teacher eigen --teacher-norm unit)";
        if (!(teacher instanceof Choice.Eigen)) {
            throw new ErrorHandlers.UsageException("--teacher " + teacher.label() + " does not apply to " + context
                    + reason);
        }
        if (norm != NormChoice.unit) {
            throw new ErrorHandlers.UsageException("--teacher-norm " + norm + " does not apply to " + context + reason);
        }
    }

    /**
     * {@code problem} with the teacher asked for: the same problem (the null teacher, the signal's
     * eigenvector) for {@code eigen} of unit length, else its components.
     */
    FullProblem apply(FullProblem problem) {
        if (teacher instanceof Choice.Eigen && norm == NormChoice.unit) {
            return problem;
        }
        CovarianceSpectrum spectrum = problem.spectrum();
        int d = problem.d();
        double[] direction;
        if (teacher instanceof Choice.File file) {
            direction = TeacherFile.read(file.path(), d);
        } else if (teacher instanceof Choice.Random) {
            direction = Teachers.random(d, problem.seed());
        } else {
            direction = Teachers.eigen(d, spectrum.signal());
        }
        return problem.withTeacher(Teachers.scaled(direction, norm.norm, spectrum.eigenvalues()));
    }

    /**
     * What run.json records of the teacher of {@code problem}: how it was given, its length, its mean
     * label {@code theta^T Sigma theta}, and its overlaps (cosines) with the signal's and the spike's
     * eigen-directions.
     */
    Map<String, Object> describe(FullProblem problem) {
        CovarianceSpectrum spectrum = problem.spectrum();
        double[] theta = problem.eigenTeacher() ? Teachers.eigen(problem.d(), spectrum.signal()) : problem.teacher();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", teacher.label());
        if (teacher instanceof Choice.File f) {
            m.put("file", f.path().toString());
        }
        m.put("norm", norm.name().toLowerCase(Locale.ROOT));
        m.put("length", Teachers.norm(theta));
        m.put("mean-label", Teachers.meanLabel(theta, spectrum.eigenvalues()));
        m.put("signal-overlap", Teachers.overlap(theta, spectrum.signal()));
        m.put("spike-overlap", Teachers.overlap(theta, spectrum.spike()));
        return m;
    }
}
