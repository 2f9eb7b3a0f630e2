package org.stance.features;

/**
 * One thread's scratch space for a sentence's term counts: a count and a bit per feature of the
 * vocabulary. Reading the bits gives the distinct features in ascending order without sorting
 * every occurrence (sorting had been a quarter of the scoring time).
 */
final class TermCounts {
    final int[] count;
    final long[] seen;
    int distinct;
    int firstWord = Integer.MAX_VALUE;
    int lastWord = -1;

    /** 1 + ln(tf) for the counts a sentence has (Math.log per feature was a tenth of scoring). */
    private static final double[] SUBLINEAR_TF = new double[256];

    static {
        for (int tf = 1; tf < SUBLINEAR_TF.length; tf++) {
            SUBLINEAR_TF[tf] = 1.0 + Math.log(tf);
        }
    }

    /** The term-frequency weight of a feature counted {@code tf} times in a sentence. */
    static double sublinearTf(int tf) {
        return tf < SUBLINEAR_TF.length ? SUBLINEAR_TF[tf] : 1.0 + Math.log(tf);
    }

    TermCounts(int features) {
        count = new int[features];
        seen = new long[(features + 63) >>> 6];
    }

    void add(int id) {
        if (count[id]++ == 0) {
            int w = id >>> 6;
            seen[w] |= 1L << id;
            distinct++;
            firstWord = Math.min(firstWord, w);
            lastWord = Math.max(lastWord, w);
        }
    }

    /** The features seen, ascending, with their counts; leaves the scratch space empty. */
    void drainAscending(int[] ids, int[] counts) {
        int n = 0;
        for (int w = firstWord; w <= lastWord; w++) {
            long bits = seen[w];
            while (bits != 0) {
                int id = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                ids[n] = id;
                counts[n++] = count[id];
                count[id] = 0;
            }
            seen[w] = 0;
        }
        distinct = 0;
        firstWord = Integer.MAX_VALUE;
        lastWord = -1;
    }
}
