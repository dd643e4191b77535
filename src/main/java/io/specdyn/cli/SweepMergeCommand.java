package io.specdyn.cli;

import io.specdyn.analysis.SweepSpec;
import io.specdyn.analysis.SweepSummary;
import io.specdyn.io.Json;
import io.specdyn.io.ProgramVersion;
import io.specdyn.io.SweepStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code specdyn sweep-merge}: combines the shards of a sweep into the outputs of one whole run. */
@Command(name = "sweep-merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Combines the folders of the N shards of one sweep (specdyn sweep --shard I/N) into the outputs a "
                + "single run would have written, byte for byte: sweep.json, sweep.csv, the regime maps and "
                + "summary.md.",
            "",
            "Refuses shards of different sweeps or of another program version than this one, a shard given twice, a "
                + "missing shard, an unfinished one (run its sweep command again to finish it) and one whose sweep.csv "
                + "does not match the checksum in its sweep.json (run its sweep command again to repair it). The --out "
                + "folder is locked while the merge runs, as a sweep locks it.",
            ""},
        footerHeading = "%nExample:%n",
        footer = "  specdyn sweep-merge --out sweeps/all sweeps/part1 sweeps/part2 sweeps/part3")
final class SweepMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or holding this same sweep.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "The shard folders, all N of them.")
    List<Path> shardDirs;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        List<SweepStore.ShardFolder> shards = new ArrayList<>();
        for (Path dir : shardDirs) {
            try {
                shards.add(SweepStore.readShard(dir));
            } catch (IllegalArgumentException | IOException e) {
                throw new ErrorHandlers.UsageException("SHARD_DIR " + e.getMessage());
            }
        }
        SweepStore.ShardFolder first = shards.get(0);
        String specJson = Json.write(first.spec().toJson());
        int count = first.shard().count();
        TreeMap<Integer, Path> seen = new TreeMap<>();
        for (SweepStore.ShardFolder s : shards) {
            if (!s.version().equals(ProgramVersion.get())) {
                // as a resumed sweep refuses them: the merged folder would claim results this version did not compute
                throw new ErrorHandlers.UsageException("SHARD_DIR " + s.dir() + " holds a shard of specdyn " + s.version()
                        + ", not " + ProgramVersion.get() + ": results could differ; run its sweep command again with "
                        + "this version, into a new folder");
            }
            if (s.spec().family() != first.spec().family()) {
                throw new ErrorHandlers.UsageException("SHARD_DIR " + s.dir() + " holds a sweep of the "
                        + s.spec().family().label() + " spectrum, " + first.dir() + " one of the "
                        + first.spec().family().label() + " spectrum: the shards of one sweep share its spectrum");
            }
            if (!Json.write(s.spec().toJson()).equals(specJson)) {
                throw new ErrorHandlers.UsageException("SHARD_DIR " + s.dir() + " holds a different sweep from "
                        + first.dir() + " (compare their sweep.json)");
            }
            if (s.shard().count() != count) {
                throw new ErrorHandlers.UsageException("SHARD_DIR " + s.dir() + " is shard " + s.shard().label() + " but "
                        + first.dir() + " is shard " + first.shard().label() + ": all must split the sweep the same way");
            }
            Path other = seen.put(s.shard().index(), s.dir());
            if (other != null) {
                throw new ErrorHandlers.UsageException("SHARD_DIR shard " + s.shard().label() + " is given twice: "
                        + other + " and " + s.dir());
            }
        }
        if (seen.size() != count) {
            List<String> missing = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                if (!seen.containsKey(i)) {
                    missing.add(i + "/" + count);
                }
            }
            throw new ErrorHandlers.UsageException("SHARD_DIR shard" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing: all " + count + " are needed");
        }
        SweepSpec sweep = first.spec();
        try (SweepStore store = SweepCommand.openStore(out, sweep, SweepStore.Shard.WHOLE)) {
            for (SweepStore.ShardFolder s : shards) {
                store.absorb(s.rows(), s.dir().resolve(SweepStore.CSV_FILE).toString());
            }
            store.finish();
            SweepCommand.writeReport(out, SweepSummary.of(sweep, store.results()));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "merged %d shards, %d cells, in %.2f s; wrote %s, maps and %s%n", count, sweep.cellCount(),
                (System.nanoTime() - start) * 1e-9, out.resolve(SweepStore.CSV_FILE), out.resolve(SweepCommand.SUMMARY));
        stdout.flush();
        return 0;
    }
}
