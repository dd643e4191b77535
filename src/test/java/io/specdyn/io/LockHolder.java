package io.specdyn.io;

import io.specdyn.analysis.SweepSpec;
import io.specdyn.model.Algorithm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate process for lock tests (file locks belong to a process, so one JVM cannot test them
 * against itself): opens the sweep store of {@link #SPEC} in the folder given as argument, prints
 * {@code locked} and holds the lock until its standard input ends.
 */
public final class LockHolder {
    /** The spec of {@code sweep --lr 0.01,0.1 --kappa 0,5 --d 20 --max-steps 5000}. */
    public static final SweepSpec SPEC = new SweepSpec("reduced", List.of(Algorithm.GD, Algorithm.SPECGD), new int[] {20},
            new double[] {0, 5}, new double[] {0.01, 0.1}, 1, 5000, 100, 0.01, 0, "iso", 1e-3, 0);

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (SweepStore store = SweepStore.open(Path.of(args[0]), SPEC, SweepStore.Shard.WHOLE)) {
            System.out.println("locked");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // hold the lock
            }
        }
    }
}
