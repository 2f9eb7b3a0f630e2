package org.stance.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stance.io.Background;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/**
 * Arabic word vectors with a subword fallback, the form in which classifiers use embeddings.
 * Tokens must come from the pipeline named by {@link #normalizer()} then {@link Tokenizer#tokenize}.
 *
 * <p>Lookup of a token: its own vector when it is in the vocabulary; otherwise a vector composed
 * from its character n-grams ({@link SubwordTable}) blended with the vector of its light stem
 * ({@link Tokenizer#stem}) when the stem is a known word, rescaled to the mean length of word
 * vectors so that it weighs like a known word in pooling. Measured on the ANT embeddings
 * (docs/EMBEDDINGS.md): with 50,000 words, 18% of the tokens of Mawqif test tweets are OOV and
 * under 1% stay without a vector once the fallback is used; for hidden known words the blend is
 * as close to the true vector as n-grams alone (cosine 0.41 where the mean vector scores 0) and
 * finds the word among its 10 nearest neighbours more often (12% against 11%).
 *
 * <p>Thread-safe: nothing changes after construction but a bounded cache of composed fallback vectors.
 * Files: {@code org.stance.artifact.EmbeddingsCodec} owns the artifact format (through {@link #parts()}
 * and {@link #of}); {@link #readVec}/{@link #writeVec} read and write the fastText/word2vec text format.
 */
public final class WordEmbeddings {

    /** The largest vectors and vocabulary the artifact format stores (checked when vectors are imported or read). */
    public static final int MAX_DIMENSION = 1_000;
    public static final int MAX_WORDS = 5_000_000;


    /** The SIF smoothing constant a. */
    static final double SIF_A = 1e-3;

    private final VectorTable words;
    // Ready at once, or still decoding on another thread when read from a model file: a cold start
    // whose words are all in the vocabulary never waits for the n-gram table (EmbeddingsCodec.readFrom)
    private final java.util.concurrent.CompletableFuture<SubwordTable> subwords;
    private final long tokenCount;
    private final NormalizerConfig normalizer;
    private final Map<String, String> provenance;
    private final float meanNorm;

    /**
     * @param tokenCount  tokens of the training corpus, the denominator of p(w) for SIF
     * @param provenance  free-form facts written to the manifest (corpus, hashes, settings, dates)
     */
    WordEmbeddings(VectorTable words, SubwordTable subwords, long tokenCount, NormalizerConfig normalizer,
                   Map<String, String> provenance) {
        this(words, java.util.concurrent.CompletableFuture.completedFuture(subwords), tokenCount, normalizer, provenance);
        subwords(); // checked now
    }

    private WordEmbeddings(VectorTable words, java.util.concurrent.CompletableFuture<SubwordTable> subwords, long tokenCount,
                           NormalizerConfig normalizer, Map<String, String> provenance) {
        this.words = words;
        this.subwords = subwords.thenApply(table -> {
            if (table.size() > 0 && table.vectors().length / table.size() != words.dimension()) {
                throw new IllegalArgumentException("word and n-gram vectors differ in dimension");
            }
            return table;
        });
        this.tokenCount = Math.max(tokenCount, 1);
        this.normalizer = normalizer;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        this.meanNorm = meanNorm(words);
    }

    public int dimension() {
        return words.dimension();
    }

    public int vocabularySize() {
        return words.size();
    }

    public int ngramCount() {
        return subwords().size();
    }

    /** The n-gram table, waiting for it when it still decodes; its decoding's failure is thrown here, unwrapped. */
    SubwordTable subwords() {
        return Background.result(subwords);
    }

    /** The normaliser settings of the training text; apply the same to text before lookup. */
    public NormalizerConfig normalizer() {
        return normalizer;
    }

    /** Corpus, hashes, training settings, creation time and project version, as in the manifest. */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** True when the token has its own vector (not only a subword one). */
    public boolean contains(String token) {
        return words.indexOf(token) >= 0;
    }

    /** The token's vector (a fresh copy), with the subword fallback; empty when nothing of it is known. */
    public Optional<float[]> vector(String token) {
        int i = words.indexOf(token);
        if (i >= 0) {
            return Optional.of(words.vector(i));
        }
        return subwordVector(token);
    }

    /** The fallback vector of an out-of-vocabulary token: n-grams blended with the known stem. */
    Optional<float[]> subwordVector(String token) {
        Optional<float[]> composed = subwords().compose(token);
        Optional<float[]> stem = stemVector(token);
        if (composed.isEmpty() && stem.isEmpty()) {
            return Optional.empty();
        }
        float[] v = new float[dimension()];
        composed.ifPresent(c -> Vectors.addTo(v, 0, c, 1f));
        stem.ifPresent(s -> Vectors.addTo(v, 0, s, 1f));
        float n = Vectors.norm(v, 0, v.length);
        if (n == 0) {
            return Optional.empty();
        }
        Vectors.scale(v, 0, v.length, meanNorm / n);
        return Optional.of(v);
    }

    /** The unit vector of the token's light stem, when the stem differs from the token and is a known word. */
    Optional<float[]> stemVector(String token) {
        String stem = Tokenizer.stem(token);
        int i = stem.equals(token) ? -1 : words.indexOf(stem);
        if (i < 0) {
            return Optional.empty();
        }
        float[] v = new float[dimension()];
        words.copyUnit(i, v);
        return Optional.of(v);
    }

    /** Only the n-gram part of the fallback, as a unit vector (for measurements). */
    Optional<float[]> ngramVector(String token) {
        return subwords().compose(token);
    }

    /** Length of what {@link #pool} returns with this pooling. */
    public int pooledDimension(Pooling pooling) {
        return pooling == Pooling.MEAN_MAX ? 2 * dimension() : dimension();
    }

    /** One vector for a text: zeros of {@link #pooledDimension} when no token has a vector. */
    public float[] pool(List<String> tokens, Pooling pooling) {
        Pool pool = new Pool(pooling);
        for (String t : tokens) {
            pool.add(tokenVector(t));
        }
        return pool.result();
    }

    /**
     * A token's vector as pooling reads it, {@code data[offset, offset + dimension)} (a known word's
     * row read in place, or its cached fallback vector), with its SIF weight.
     */
    public record TokenVector(float[] data, int offset, float sifWeight) {

        /**
         * Writes the row as {@code pooling} adds it, times its weight, into {@code to[at, at + dimension)}
         * and returns the weight: the two things {@link Pool#addWeighted} takes. MEAN and SIF only.
         */
        public float weightedInto(Pooling pooling, float[] to, int at, int dimension) {
            if (pooling != Pooling.MEAN && pooling != Pooling.SIF) {
                throw new IllegalArgumentException(pooling + " pooling is not a weighted sum");
            }
            float w = pooling == Pooling.SIF ? sifWeight : 1f;
            for (int k = 0; k < dimension; k++) {
                to[at + k] = w * data[offset + k];
            }
            return w;
        }
    }

    /** The token's vector for pooling, or null when nothing of it is known: a value a caller may keep per token. */
    public TokenVector tokenVector(String token) {
        int i = words.indexOf(token);
        if (i >= 0) {
            return new TokenVector(words.vectors(), i * dimension(), sifWeight(i));
        }
        float[] x = fallback(token);
        return x == null ? null : new TokenVector(x, 0, sifWeight(-1));
    }

    /** Pools the vectors of a text's tokens, added one at a time: what {@link #pool} returns. */
    public final class Pool {
        private final Pooling pooling;
        private final float[] sum = new float[dimension()];
        private final float[] max;
        private double totalWeight;

        public Pool(Pooling pooling) {
            this.pooling = pooling;
            boolean needMax = pooling == Pooling.MAX || pooling == Pooling.MEAN_MAX;
            max = needMax ? new float[dimension()] : null;
            if (needMax) {
                Arrays.fill(max, Float.NEGATIVE_INFINITY);
            }
        }

        /** Adds a token's vector; null (a token without one) adds nothing. */
        public void add(TokenVector v) {
            if (v == null) {
                return;
            }
            float[] x = v.data();
            int off = v.offset();
            float w = pooling == Pooling.SIF ? v.sifWeight() : 1f;
            for (int k = 0; k < sum.length; k++) {
                sum[k] += w * x[off + k];
            }
            if (max != null) {
                for (int k = 0; k < max.length; k++) {
                    max[k] = Math.max(max[k], x[off + k]);
                }
            }
            totalWeight += w;
        }

        /**
         * Adds a row already multiplied by its weight ({@link TokenVector#weightedInto}): the same
         * float additions as {@link #add}, from a row its caller keeps where it reads it anyway.
         */
        public void addWeighted(float[] row, int offset, float weight) {
            if (max != null) {
                throw new IllegalStateException(pooling + " pooling is not a weighted sum");
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] += row[offset + k];
            }
            totalWeight += weight;
        }

        /** The pooled vector of the tokens added: zeros of {@link #pooledDimension} when none had a vector. */
        public float[] result() {
            if (totalWeight == 0) {
                return new float[pooledDimension(pooling)];
            }
            Vectors.scale(sum, 0, sum.length, (float) (1 / totalWeight));
            return switch (pooling) {
                case MEAN, SIF -> sum;
                case MAX -> max;
                case MEAN_MAX -> {
                    float[] both = Arrays.copyOf(sum, 2 * sum.length);
                    System.arraycopy(max, 0, both, sum.length, max.length);
                    yield both;
                }
            };
        }
    }

    /** Out-of-vocabulary tokens whose fallback vector was composed already; bounded, shared by all threads. */
    private final java.util.concurrent.ConcurrentHashMap<String, float[]> fallbacks = new java.util.concurrent.ConcurrentHashMap<>();
    private static final float[] NONE = new float[0];
    static final int FALLBACK_CACHE = 200_000;

    /**
     * The fallback vector of an unknown token, or null: composing it from character n-grams costs
     * dozens of lookups, and unknown tokens repeat across sentences, so it is computed once.
     */
    private float[] fallback(String token) {
        float[] cached = fallbacks.get(token);
        if (cached == null) {
            cached = subwordVector(token).orElse(NONE);
            if (fallbacks.size() < FALLBACK_CACHE) {
                fallbacks.put(token, cached);
            }
        }
        return cached == NONE ? null : cached;
    }

    private float sifWeight(int wordIndex) {
        double p = wordIndex < 0 ? 0 : (double) words.count(wordIndex) / tokenCount;
        return (float) (SIF_A / (SIF_A + p));
    }

    /** a / (a + p(w)); a word without a count of its own (subword-only) counts as rare, weight ~1. */
    float sifWeight(String token) {
        return sifWeight(words.indexOf(token));
    }

    /** A word with its cosine similarity to the query. */
    public record Neighbour(String word, double similarity) {
    }

    /** The k known words closest (cosine) to the token's vector, the token itself excluded. */
    public List<Neighbour> nearest(String token, int k) {
        return vector(token).map(v -> nearest(v, k, token)).orElse(List.of());
    }

    /** The k known words closest (cosine) to a vector. */
    public List<Neighbour> nearest(float[] vector, int k) {
        return nearest(vector, k, null);
    }

    private List<Neighbour> nearest(float[] query, int k, String excluded) {
        return NearestWords.search(words, query, k, excluded);
    }

    /**
     * A copy keeping the {@code maxWords} most frequent words (0 = all) and the whole n-gram table,
     * so that a dropped rare word still gets a subword vector; the way to keep a model small.
     */
    public WordEmbeddings top(int maxWords) {
        VectorTable kept = words.top(maxWords);
        if (kept == words) {
            return this;
        }
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.putIfAbsent("vocabulary.trained", String.valueOf(words.size()));
        return new WordEmbeddings(kept, subwords(), tokenCount, normalizer, p);
    }



    /**
     * Imports fastText/word2vec text vectors; builds the n-gram table from them.
     *
     * @param normalizer the normalisation the vectors' training text had (the project default
     *                   when they were trained with {@code stance embed}, unknown otherwise)
     */
    public static WordEmbeddings readVec(Path file, NormalizerConfig normalizer, int minN, int maxN, int maxNgrams) {
        return VecFormat.read(file, normalizer, minN, maxN, maxNgrams);
    }

    /** Exports the word vectors (not the n-gram table) in fastText text format, most frequent first. */
    public void writeVec(Path file) {
        VecFormat.write(this, file);
    }

    /**
     * The arrays that make up a set of embeddings, for a codec to write and read (the file format
     * lives in the artifact package, not here).
     */
    public record Parts(String[] words, long[] counts, float[] wordVectors, int dimension, int minN, int maxN, String[] ngrams,
                        float[] ngramVectors, float[] ngramWeights, long tokenCount, NormalizerConfig normalizer,
                        Map<String, String> provenance) {
    }

    public Parts parts() {
        SubwordTable sub = subwords();
        String[] w = new String[words.size()];
        long[] c = new long[words.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = words.word(i);
            c[i] = words.count(i);
        }
        String[] g = new String[sub.size()];
        float[] gw = new float[sub.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = sub.ngram(i);
            gw[i] = sub.weight(i);
        }
        return new Parts(w, c, words.vectors(), dimension(), sub.minN(), sub.maxN(), g, sub.vectors(), gw, tokenCount(),
                normalizer(), provenance());
    }

    /** Embeddings from their parts (vectors rounded to float16, the stored precision); inconsistent sizes are an IllegalArgumentException. */
    public static WordEmbeddings of(Parts p) {
        return of(p, false);
    }

    /** The same for parts whose vectors were read as float16 (a codec's): they are taken as they are. */
    public static WordEmbeddings ofHalfPrecision(Parts p) {
        return of(p, true);
    }

    /**
     * Float16 word vectors read already ({@code p}'s n-gram fields unused) and an n-gram table still
     * decoding ({@code ngrams}: its minN, maxN, ngrams, ngramVectors and ngramWeights); a failure of that
     * decoding is thrown by the first use of the n-grams.
     */
    public static WordEmbeddings ofHalfPrecision(Parts p, java.util.concurrent.CompletableFuture<Parts> ngrams) {
        return new WordEmbeddings(new VectorTable(p.words(), p.counts(), p.wordVectors(), p.dimension(), true),
                ngrams.thenApply(n -> new SubwordTable(n.minN(), n.maxN(), n.dimension(), n.ngrams(), n.ngramVectors(), n.ngramWeights(), true)),
                p.tokenCount(), p.normalizer(), p.provenance());
    }

    private static WordEmbeddings of(Parts p, boolean halfPrecision) {
        SubwordTable sub = new SubwordTable(p.minN(), p.maxN(), p.dimension(), p.ngrams(), p.ngramVectors(), p.ngramWeights(), halfPrecision);
        return new WordEmbeddings(new VectorTable(p.words(), p.counts(), p.wordVectors(), p.dimension(), halfPrecision), sub, p.tokenCount(),
                p.normalizer(), p.provenance());
    }

    VectorTable words() {
        return words;
    }


    long tokenCount() {
        return tokenCount;
    }

    private static float meanNorm(VectorTable words) {
        if (words.size() == 0) {
            return 1f;
        }
        double sum = 0;
        for (int i = 0; i < words.size(); i++) {
            sum += Vectors.norm(words.vectors(), i * words.dimension(), words.dimension());
        }
        return (float) (sum / words.size());
    }
}
