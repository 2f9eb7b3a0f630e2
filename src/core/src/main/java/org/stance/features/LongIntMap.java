package org.stance.features;

/**
 * An open-addressing map from long keys to int values, read-only once built: the vocabulary's
 * hash → feature index lookup without boxing. Key and value share one array so that a lookup
 * touches one cache line (scoring does hundreds of lookups per sentence into a table of
 * megabytes, so cache misses, not arithmetic, set its speed). Thread-safe for reads.
 */
final class LongIntMap {

    /** Marks an empty slot; a real key of this value is stored as {@link #ZERO_KEY}. */
    static final long EMPTY = 0L;
    private static final long ZERO_KEY = 0x8000000000000001L;

    private final long[] table; // slot i: key at 2i, value at 2i+1
    private final int mask;

    LongIntMap(long[] keys) {
        int capacity = Integer.highestOneBit(Math.max(4, keys.length * 2 - 1)) << 1;
        table = new long[capacity * 2];
        mask = capacity - 1;
        for (int i = 0; i < keys.length; i++) {
            long key = stored(keys[i]);
            int slot = slot(key);
            while (table[2 * slot] != EMPTY) {
                if (table[2 * slot] == key) {
                    throw new IllegalArgumentException("duplicate feature hash " + keys[i]);
                }
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = key;
            table[2 * slot + 1] = i;
        }
    }

    /** The index of the key, or -1. */
    int get(long rawKey) {
        long key = stored(rawKey);
        int slot = slot(key);
        long k;
        while ((k = table[2 * slot]) != EMPTY) {
            if (k == key) {
                return (int) table[2 * slot + 1];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The key as a table stores it: never {@link #EMPTY}. */
    static long stored(long key) {
        return key == EMPTY ? ZERO_KEY : key;
    }

    /** The inverse of {@link #stored}. */
    static long original(long storedKey) {
        return storedKey == ZERO_KEY ? EMPTY : storedKey;
    }

    /** Home slot of a stored key in a table of mask + 1 slots (a power of two). */
    static int slot(long key, int mask) {
        long z = key * 0x9E3779B97F4A7C15L; // spread the FNV bits over the table
        return (int) (z >>> 32) & mask;
    }

    private int slot(long key) {
        return slot(key, mask);
    }
}
