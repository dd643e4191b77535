package io.specdyn.full;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from one seed: the basis, the initial weights,
 * a random teacher and each batch of samples draw from their own stream, so that changing how many samples are
 * drawn never changes the basis, and a stream's values depend only on its keys.
 */
final class Seeds {
    /** Stream purposes. */
    static final long BASIS = 1;
    static final long INIT = 2;
    static final long DATA = 3;
    static final long TEACHER = 4;

    private Seeds() {
    }

    /** A generator for the stream named by {@code keys} under {@code seed} (SplitMix64 mixing). */
    static SplittableRandom stream(long seed, long... keys) {
        long h = mix(seed);
        for (long key : keys) {
            h = mix(h ^ mix(key + 0x9E3779B97F4A7C15L));
        }
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Fills {@code out} with standard normal variates (Box-Muller on the stream's uniforms). */
    static void normals(SplittableRandom random, double[] out) {
        for (int i = 0; i < out.length; i += 2) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            double angle = 2 * Math.PI * u2;
            out[i] = r * Math.cos(angle);
            if (i + 1 < out.length) {
                out[i + 1] = r * Math.sin(angle);
            }
        }
    }
}
