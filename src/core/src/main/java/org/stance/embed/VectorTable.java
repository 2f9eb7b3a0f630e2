package org.stance.embed;

import java.util.Arrays;

/**
 * Words with their training counts and vectors, most frequent first (ties: alphabetical), so that
 * "keep the top N" is a prefix. Vectors sit in one flat array: a {@code float[]} per word would
 * cost 16 bytes of header each and scatter the rows over the heap. The constructor takes
 * ownership of the arrays and rounds the vectors to float16, the stored precision, so that a
 * table is equal to itself after a save and a load. Immutable.
 */
final class VectorTable {

    private final String[] words;
    private final long[] counts;
    private final float[] vectors;
    private final int dimension;
    private final StringIndex index;

    VectorTable(String[] words, long[] counts, float[] vectors, int dimension) {
        this(words, counts, vectors, dimension, false);
    }

    /** @param halfPrecision the vectors hold float16 values already (read from a file): no rounding pass, which cost a cold start ~0.1 s */
    VectorTable(String[] words, long[] counts, float[] vectors, int dimension, boolean halfPrecision) {
        if (counts.length != words.length || vectors.length != (long) words.length * dimension) {
            throw new IllegalArgumentException("vocabulary, counts and vectors disagree in size");
        }
        if (!halfPrecision) {
            Float16.roundInPlace(vectors);
        }
        this.words = words;
        this.counts = counts;
        this.vectors = vectors;
        this.dimension = dimension;
        this.index = new StringIndex(words);
    }

    /** Sorts rows by count (descending), then word, and builds the table. */
    static VectorTable sorted(String[] words, long[] counts, float[] vectors, int dimension) {
        Integer[] order = new Integer[words.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : words[a].compareTo(words[b]));
        String[] w = new String[words.length];
        long[] c = new long[words.length];
        float[] v = new float[vectors.length];
        for (int i = 0; i < order.length; i++) {
            w[i] = words[order[i]];
            c[i] = counts[order[i]];
            System.arraycopy(vectors, order[i] * dimension, v, i * dimension, dimension);
        }
        return new VectorTable(w, c, v, dimension);
    }

    /** The first (most frequent) n words; the whole table when n is 0 or not smaller. */
    VectorTable top(int n) {
        if (n <= 0 || n >= words.length) {
            return this;
        }
        return new VectorTable(Arrays.copyOf(words, n), Arrays.copyOf(counts, n), Arrays.copyOf(vectors, n * dimension), dimension);
    }

    /**
     * A copy with the mean vector subtracted from every row. Word2vec vectors share a large common
     * direction (on the ANT vectors the mean vector alone has cosine 0.59 with a random word); it
     * carries no meaning, drowns the n-gram means of the {@link SubwordTable} and inflates every
     * similarity. Removing it ("all-but-the-top", Mu and Viswanath 2018, first step) made the
     * n-gram fallback find a held-out word among its 10 nearest neighbours 11% of the time instead
     * of 1.4% (docs/EMBEDDINGS.md).
     */
    VectorTable centred() {
        float[] mean = new float[dimension];
        for (int i = 0; i < words.length; i++) {
            Vectors.addTo(mean, 0, vectors, i * dimension, dimension, 1f / words.length);
        }
        float[] v = vectors.clone();
        for (int i = 0; i < words.length; i++) {
            Vectors.addTo(v, i * dimension, mean, -1f);
        }
        return new VectorTable(words.clone(), counts.clone(), v, dimension);
    }

    int size() {
        return words.length;
    }

    int dimension() {
        return dimension;
    }

    String word(int i) {
        return words[i];
    }

    long count(int i) {
        return counts[i];
    }

    /** Row index of the word, or -1. */
    int indexOf(String word) {
        return index.indexOf(word);
    }

    float[] vector(int i) {
        return Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension);
    }

    /** Copies row i, scaled to unit length, into {@code out} (zeros stay zeros). */
    void copyUnit(int i, float[] out) {
        System.arraycopy(vectors, i * dimension, out, 0, dimension);
        float n = Vectors.norm(out, 0, dimension);
        if (n > 0) {
            Vectors.scale(out, 0, dimension, 1f / n);
        }
    }

    /** The flat matrix; callers must not modify it. */
    float[] vectors() {
        return vectors;
    }
}
