package org.fundwatch.synth;

/** Derived seeds: every person and institution draws from its own stream, independent of generation order. */
final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser over the seed and a key. */
    static long mix(long seed, long key) {
        long z = seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
