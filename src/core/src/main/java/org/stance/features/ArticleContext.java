package org.stance.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The article context block (see {@link NgramConfig#articleContext()}): what the article as a
 * whole is about, given to each of its sentences. A sentence's topic follows its article's far
 * more than its own few words say (grouped CV over iraq-presence: topic macro-F1 +0.03, see
 * docs/BENCHMARKS.md); the sentence's own block still decides where it differs from its article.
 * The block is the L2-normalised sum of the article's sentence vectors times the weight, placed
 * after the sentence's own inputs (indices shifted by the featurizer's base dimension).
 */
public final class ArticleContext {

    private ArticleContext() {
    }

    /** A running sum of sparse vectors: an article's sentences added one by one, in any order. */
    public static final class Sum {
        private int[] indices = new int[256];
        private float[] values = new float[256];
        private int size;
        private int merged; // entries [0, merged) are ascending and distinct
        private int[] spareIndices = new int[256]; // mergeIn's output, swapped with the entries
        private float[] spareValues = new float[256];

        public void add(SparseVector v) {
            if (merged == size && ascending(v)) {
                mergeIn(v);
                return;
            }
            append(v);
        }

        /**
         * Merges an ascending vector into the merged sum in one pass (sorting every entry again on
         * each compaction had been a tenth of scoring articles). Each index's values are added in
         * the order the vectors came, as the sort-merge adds them.
         */
        private void mergeIn(SparseVector v) {
            int[] vi = v.indices();
            float[] vv = v.values();
            int capacity = size + vi.length;
            if (spareIndices.length < capacity) {
                spareIndices = new int[Math.max(capacity, 2 * spareIndices.length)];
                spareValues = new float[spareIndices.length];
            }
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < size || j < vi.length) {
                if (j == vi.length || (i < size && indices[i] < vi[j])) {
                    spareIndices[n] = indices[i];
                    spareValues[n++] = values[i++];
                } else if (i == size || vi[j] < indices[i]) {
                    spareIndices[n] = vi[j];
                    spareValues[n++] = vv[j++];
                } else {
                    spareIndices[n] = indices[i];
                    spareValues[n++] = values[i++] + vv[j++];
                }
            }
            int[] oldIndices = indices;
            float[] oldValues = values;
            indices = spareIndices;
            values = spareValues;
            spareIndices = oldIndices;
            spareValues = oldValues;
            size = n;
            merged = n;
        }

        private static boolean ascending(SparseVector v) {
            int[] idx = v.indices();
            for (int i = 1; i < idx.length; i++) {
                if (idx[i] <= idx[i - 1]) {
                    return false;
                }
            }
            return true;
        }

        /** Appends the entries as they are, merged later by {@link #compact} (a vector whose indices do not ascend). */
        private void append(SparseVector v) {
            if (size + v.size() > indices.length) {
                compact();
                if (size + v.size() > indices.length) {
                    int capacity = Math.max(2 * indices.length, size + v.size());
                    indices = Arrays.copyOf(indices, capacity);
                    values = Arrays.copyOf(values, capacity);
                }
            }
            System.arraycopy(v.indices(), 0, indices, size, v.size());
            System.arraycopy(v.values(), 0, values, size, v.size());
            size += v.size();
        }

        /** Sorts and merges the entries: a sum over a long article stays as big as its distinct features. */
        private void compact() {
            if (merged == size) {
                return;
            }
            long[] keyed = new long[size]; // index in the high half, entry position in the low: one primitive sort
            for (int i = 0; i < size; i++) {
                keyed[i] = ((long) indices[i] << 32) | i;
            }
            Arrays.sort(keyed);
            int[] outIndices = new int[indices.length];
            float[] outValues = new float[values.length];
            int n = 0;
            for (long k : keyed) {
                int index = (int) (k >>> 32);
                float value = values[(int) k];
                if (n > 0 && outIndices[n - 1] == index) {
                    outValues[n - 1] += value;
                } else {
                    outIndices[n] = index;
                    outValues[n++] = value;
                }
            }
            indices = outIndices;
            values = outValues;
            size = n;
            merged = n;
        }

        /** The context block: the sum, L2-normalised, times {@code weight}; indices ascend. Empty when the sum is zero. */
        public SparseVector block(double weight) {
            compact();
            double norm = 0;
            for (int i = 0; i < size; i++) {
                norm += (double) values[i] * values[i];
            }
            if (norm == 0) {
                return new SparseVector(new int[0], new float[0]);
            }
            float scale = (float) (weight / Math.sqrt(norm));
            float[] scaled = new float[size];
            for (int i = 0; i < size; i++) {
                scaled[i] = values[i] * scale;
            }
            return new SparseVector(Arrays.copyOf(indices, size), scaled);
        }
    }

    /**
     * A sentence scored on its own (an article of one): {@code row} followed by itself, normalised and
     * weighted, shifted by {@code offset}. The same as {@code append} of the row and the block of a
     * {@link Sum} of the row alone, without the sum (explanations and the reference vectors tests compare
     * with; scoring a sentence alone takes {@link SentenceProjection}, which never builds it).
     */
    public static SparseVector alone(SparseVector row, double weight, int offset) {
        int n = row.size();
        double norm = 0;
        for (float v : row.values()) {
            norm += (double) v * v;
        }
        if (norm == 0) {
            return row;
        }
        float scale = (float) (weight / Math.sqrt(norm));
        int[] indices = Arrays.copyOf(row.indices(), 2 * n);
        float[] values = Arrays.copyOf(row.values(), 2 * n);
        for (int i = 0; i < n; i++) {
            indices[n + i] = offset + row.indices()[i];
            values[n + i] = row.values()[i] * scale;
        }
        return new SparseVector(indices, values);
    }

    /** {@code row} followed by {@code context} shifted by {@code offset} (the row's own dimension). */
    public static SparseVector append(SparseVector row, SparseVector context, int offset) {
        int n = row.size();
        int[] indices = Arrays.copyOf(row.indices(), n + context.size());
        float[] values = Arrays.copyOf(row.values(), n + context.size());
        for (int i = 0; i < context.size(); i++) {
            indices[n + i] = offset + context.indices()[i];
            values[n + i] = context.values()[i];
        }
        return new SparseVector(indices, values);
    }

    /** Every row followed by the context of its article: {@code articles.get(i)} names row i's article. */
    public static List<SparseVector> appendByArticle(List<SparseVector> rows, List<String> articles, int offset, double weight) {
        if (rows.size() != articles.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + articles.size() + " article keys");
        }
        Map<String, Sum> sums = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            sums.computeIfAbsent(articles.get(i), a -> new Sum()).add(rows.get(i));
        }
        Map<String, SparseVector> blocks = new LinkedHashMap<>();
        sums.forEach((article, sum) -> blocks.put(article, sum.block(weight)));
        List<SparseVector> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(append(rows.get(i), blocks.get(articles.get(i)), offset));
        }
        return out;
    }
}
