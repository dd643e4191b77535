package io.specdyn.cli;

import java.util.Locale;

/**
 * What the reduced engine can hold in this JVM, checked before a spectrum is built: memory grows
 * with the number of eigenvalue groups K (the state, the groups' eigenvalues and multiplicities and
 * the engines' working copies), never with d or the number of steps.
 */
final class ReducedLimits {
    /**
     * Bytes per group, an upper bound: the spectrum's runs and groups with the temporaries of grouping
     * (about 80), the model's four arrays (32), a map's five (40), and either an update rule's working
     * vectors (its gradient, direction and multiplicities, and at most two state vectors: 40) or a
     * flow's (48).
     * What lasts through a run (the spectrum's 32, the model's 32, an engine's 48 at most) leaves
     * room for writing every coefficient at each row: a row of coefficients.csv as text, at most 25
     * characters a value and twice that while its buffer grows, and the copy of the state handed to
     * the writer, 58 in all.
     */
    static final long BYTES_PER_GROUP = 200;

    private static final double GIB = 1024.0 * 1024 * 1024;

    private ReducedLimits() {
    }

    /**
     * Refuses a spectrum of {@code groups} groups that would not fit in the heap.
     *
     * @param culprit the option and value that ask for them, such as {@code --d} or a file
     * @param d       the dimension, for the message
     */
    static void requireGroups(long groups, String culprit, long d) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        double needed = (double) groups * BYTES_PER_GROUP;
        if (needed > 0.8 * available) {
            String what = culprit.equals("--d") ? "--d " + d : culprit;
            throw new ErrorHandlers.UsageException(String.format(Locale.ROOT,
                    "%s gives %d eigenvalue groups, about %.1f GiB for the reduced engine; the heap allows %.1f GiB: "
                            + "raise it with SPECDYN_JAVA_OPTS=-Xmx%dg",
                    what, groups, needed / GIB, 0.8 * available / GIB, (long) Math.ceil(needed / 0.8 / GIB) + 1));
        }
    }
}
