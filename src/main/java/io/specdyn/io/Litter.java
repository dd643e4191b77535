package io.specdyn.io;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Clean-ups of files in progress (output work folders, temporary files of atomic writes), run by
 * one shutdown hook when the process exits before they are done: on SIGINT, SIGTERM or
 * {@code System.exit} (not on SIGKILL; see {@link OutputDir#removeStale}).
 */
final class Litter {
    private static final Set<Runnable> PENDING = new LinkedHashSet<>();
    private static boolean hooked;

    private Litter() {
    }

    static synchronized void register(Runnable cleanup) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Litter::runAll, "specdyn-cleanup"));
            hooked = true;
        }
        PENDING.add(cleanup);
    }

    static synchronized void unregister(Runnable cleanup) {
        PENDING.remove(cleanup);
    }

    private static void runAll() {
        List<Runnable> todo;
        synchronized (Litter.class) {
            todo = new ArrayList<>(PENDING);
            PENDING.clear();
        }
        for (Runnable cleanup : todo) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                // exiting: one failed clean-up must not stop the others
            }
        }
    }
}
