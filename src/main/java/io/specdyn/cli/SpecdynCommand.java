package io.specdyn.cli;

import io.specdyn.io.ProgramVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level command. */
@Command(name = "specdyn",
        mixinStandardHelpOptions = true,
        versionProvider = SpecdynCommand.Version.class,
        description = {
            "Learning dynamics of spectral gradient descent (SpecGD, the polar-factor update behind Muon) "
                + "against gradient descent in phase retrieval with anisotropic Gaussian inputs "
                + "(Braun, Bao, Huang, Imaizumi, arXiv:2601.22652).",
            ""},
        subcommands = {ReproduceCommand.class, PlotCommand.class, RunCommand.class, CompareCommand.class, ConvergenceCommand.class,
            ExploreCommand.class,
            SweepCommand.class, SweepMergeCommand.class, BenchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (a diverged run is a result, reported in its output)",
            "1:the run failed (I/O error, internal error)",
            "2:invalid input: an option out of range, malformed or inapplicable, or an output that cannot be written"})
final class SpecdynCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"specdyn " + ProgramVersion.get()};
        }
    }
}
