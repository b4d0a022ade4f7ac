package org.fundwatch.synth;

import java.util.Arrays;

/** An open-addressing set of positive longs (ID numbers already issued). */
final class LongSet {
    private long[] slots;
    private int size;

    LongSet(int capacity) {
        slots = new long[Integer.highestOneBit(Math.max(16, capacity)) * 2];
    }

    /** Adds a positive value; false when it was present. */
    boolean add(long value) {
        if (size * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (Seeds.mix(0, value) & mask);
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != 0) {
                add(v);
            }
        }
        Arrays.fill(old, 0);
    }
}
