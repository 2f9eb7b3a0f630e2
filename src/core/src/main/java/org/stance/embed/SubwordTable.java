package org.stance.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Character n-gram vectors derived from trained word vectors, so that an unseen inflected form
 * (والانسحابات, لقواتها) still gets a vector. As in fastText a word is wrapped in boundary markers
 * ({@code <القوات>}) and cut into n-grams of {@code minN..maxN} characters. Unlike fastText the
 * n-gram vectors are not trained: each is the mean of the unit vectors of the words containing it,
 * and an unseen word's vector is the mean of its known n-gram vectors weighted by
 * {@code log(words / words containing the n-gram)}, so that a rare, telling n-gram outweighs a
 * common affix such as {@code <ال}. Pure Java, no native code, and the table is small enough to
 * ship inside a model (see docs/EMBEDDINGS.md for what this buys on real text).
 *
 * <p>Immutable and thread-safe.
 */
final class SubwordTable {

    static final int DEFAULT_MIN_N = 3;
    static final int DEFAULT_MAX_N = 5;

    private final int minN;
    private final int maxN;
    private final int dimension;
    private final String[] ngrams;
    private final float[] vectors;
    private final float[] weights;
    private final StringIndex index;

    SubwordTable(int minN, int maxN, int dimension, String[] ngrams, float[] vectors, float[] weights) {
        this(minN, maxN, dimension, ngrams, vectors, weights, false);
    }

    /** @param halfPrecision as in {@link VectorTable}: the vectors hold float16 values already */
    SubwordTable(int minN, int maxN, int dimension, String[] ngrams, float[] vectors, float[] weights, boolean halfPrecision) {
        if (vectors.length != ngrams.length * dimension || weights.length != ngrams.length) {
            throw new IllegalArgumentException("n-gram table sizes disagree");
        }
        if (!halfPrecision) {
            Float16.roundInPlace(vectors); // the stored precision, as in VectorTable
        }
        this.minN = minN;
        this.maxN = maxN;
        this.dimension = dimension;
        this.ngrams = ngrams;
        this.vectors = vectors;
        this.weights = weights;
        this.index = new StringIndex(ngrams);
    }

    static SubwordTable empty(int minN, int maxN, int dimension) {
        return new SubwordTable(minN, maxN, dimension, new String[0], new float[0], new float[0]);
    }

    /**
     * Builds the table from a vocabulary: the {@code maxNgrams} most widespread n-grams (0 = all;
     * ties broken alphabetically so the result does not depend on hash order). An n-gram of a
     * single word is kept when there is room: it ties an unseen form to exactly that word.
     */
    static SubwordTable build(VectorTable words, int minN, int maxN, int maxNgrams) {
        Map<String, int[]> wordCount = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            for (String g : ngrams(words.word(w), minN, maxN)) {
                wordCount.computeIfAbsent(g, k -> new int[1])[0]++;
            }
        }
        List<String> kept = new ArrayList<>(wordCount.keySet());
        kept.sort(Comparator.<String>comparingInt(g -> -wordCount.get(g)[0]).thenComparing(Comparator.naturalOrder()));
        if (maxNgrams > 0 && kept.size() > maxNgrams) {
            kept.subList(maxNgrams, kept.size()).clear();
        }
        String[] table = kept.toArray(String[]::new);
        int dim = words.dimension();
        Map<String, Integer> slot = new HashMap<>(table.length * 2);
        for (int i = 0; i < table.length; i++) {
            slot.put(table[i], i);
        }
        float[] sums = new float[table.length * dim];
        float[] unit = new float[dim];
        for (int w = 0; w < words.size(); w++) {
            words.copyUnit(w, unit);
            for (String g : ngrams(words.word(w), minN, maxN)) {
                Integer i = slot.get(g);
                if (i != null) {
                    Vectors.addTo(sums, i * dim, unit, 1f);
                }
            }
        }
        float[] weights = new float[table.length];
        for (int i = 0; i < table.length; i++) {
            int n = wordCount.get(table[i])[0];
            Vectors.scale(sums, i * dim, dim, 1f / n);
            weights[i] = (float) Math.log((double) words.size() / n) + 1e-3f;
        }
        return new SubwordTable(minN, maxN, dim, table, sums, weights);
    }

    /** The word's n-grams, each once, in order of appearance: {@code <ab, abc, bc>, ...}. */
    static Set<String> ngrams(String word, int minN, int maxN) {
        String marked = "<" + word + ">";
        Set<String> out = new LinkedHashSet<>();
        for (int n = minN; n <= maxN; n++) {
            for (int i = 0; i + n <= marked.length(); i++) {
                out.add(marked.substring(i, i + n));
            }
        }
        return out;
    }

    /** The weighted mean of the token's known n-gram vectors, as a unit vector; empty when none is known. */
    Optional<float[]> compose(String token) {
        float[] sum = new float[dimension];
        float total = 0;
        for (String g : ngrams(token, minN, maxN)) {
            int i = index.indexOf(g);
            if (i >= 0) {
                Vectors.addTo(sum, 0, vectors, i * dimension, dimension, weights[i]);
                total += weights[i];
            }
        }
        if (total == 0 || Vectors.norm(sum, 0, dimension) == 0) {
            return Optional.empty();
        }
        Vectors.scale(sum, 0, dimension, 1f / Vectors.norm(sum, 0, dimension));
        return Optional.of(sum);
    }

    int minN() {
        return minN;
    }

    int maxN() {
        return maxN;
    }

    int size() {
        return ngrams.length;
    }

    String ngram(int i) {
        return ngrams[i];
    }

    float weight(int i) {
        return weights[i];
    }

    /** The flat n-gram matrix, row i at {@code i * dimension}; callers must not modify it. */
    float[] vectors() {
        return vectors;
    }
}
