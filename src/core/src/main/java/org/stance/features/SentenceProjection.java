package org.stance.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.stance.embed.Pooling;
import org.stance.embed.WordEmbeddings;
import org.stance.text.Tokenizer;

/**
 * A sentence's own input block x (what {@link Featurizer#sentenceVector} builds) times a fixed
 * matrix M, x·M, computed without building x: what a linear first layer does with a sentence
 * scored on its own, the path of {@code score --sentences} and the Java API's sentence calls.
 * M is read in place from a larger matrix: its row f is the rows f of one or more of that matrix's
 * blocks side by side (a first layer's own and article-context rows), so no layer is copied.
 *
 * <p>Why it is faster. x's n-gram part is TF-IDF, each group L2-normalised on its own:
 * x_f = s(tf_f)·idf_f / N_g with s(tf) = 1 + ln tf. Most of a sentence's features are its tokens'
 * own (word, stem, character n-grams), which depend on the token alone, so for each token the sums
 * Σ idf_f·M_f and Σ idf_f² over its features, per group, are computed once and kept. A sentence
 * then adds a few dozen cached sums instead of reading a row of M for each of its hundreds of
 * features, and never sorts or normalises them one by one. The cached sums weigh a feature by its
 * number of occurrences (tf), TF-IDF by s(tf): a feature seen more than once in the sentence
 * gets the difference, (s(tf) − tf)·idf_f·M_f, from its own row, and (s(tf)² − tf)·idf_f² in its
 * group's squared norm. Word n-grams of two words or more and target features depend on more
 * than one token and are added per occurrence. The pooled word vectors follow as in
 * {@link Featurizer}: their normalised pool times M's rows after the n-grams'.
 *
 * <p>The result equals {@code sentenceVector(text, target)·M} up to float rounding (tests compare
 * them). Thread-safe: the per-token cache is shared, and bounded (by tokens and by memory); the
 * counting scratch space is per thread.
 */
public final class SentenceProjection {

    private static final int GROUPS = NgramExtractor.GROUPS;
    private static final int MAX_TOKENS = 200_000;
    private static final long MAX_CACHED_FLOATS = 16_000_000; // the cached sums: at most 64 MB

    private final Featurizer featurizer;
    private final float[] matrix; // row-major, rows of `stride` values
    private final int stride;
    private final int[] blockRows; // M's row f: matrix rows blockRows[0] + f, blockRows[1] + f, ... side by side
    private final int width;
    private final WordEmbeddings embeddings;
    private final Pooling pooling;
    private final int capacity;
    private final int sumsLength; // GROUPS · width: where a token's weighted word vector starts in its sums
    private final boolean weightedPooling;
    private final ConcurrentHashMap<Object, Token> cache = new ConcurrentHashMap<>();
    private final ThreadLocal<Scratch> scratch;
    private final ThreadLocal<ArticleSum> articleSums;

    /**
     * A token, its own features (each occurrence), their per-group sums Σ idf·M and Σ idf², and its
     * word vector. With MEAN or SIF pooling the vector times its pooling weight follows the sums in
     * the same array instead ({@code weight} > 0, {@code vector} null): a sentence reads one
     * contiguous row per token, not a row of the embeddings' table besides (about 10% faster, measured
     * in one JVM against the separate row).
     */
    private record Token(String text, int[] ids, float[] sums, double[] squares, WordEmbeddings.TokenVector vector, float weight) {
    }

    SentenceProjection(Featurizer featurizer, float[] matrix, int stride, int[] blockRows) {
        long rowsNeeded = featurizer.baseDimension() + (long) Arrays.stream(blockRows).max().orElse(0);
        if (stride < 1 || blockRows.length == 0 || Arrays.stream(blockRows).anyMatch(r -> r < 0) || matrix.length < rowsNeeded * stride) {
            throw new IllegalArgumentException("a projection of " + featurizer.baseDimension() + " inputs from rows " + Arrays.toString(blockRows)
                    + " needs a matrix of at least " + rowsNeeded + " rows of " + stride + ", got " + matrix.length + " values");
        }
        this.featurizer = featurizer;
        this.matrix = matrix;
        this.stride = stride;
        this.blockRows = blockRows.clone();
        this.width = stride * blockRows.length;
        this.embeddings = featurizer.embeddings();
        this.pooling = featurizer.pooling();
        this.sumsLength = GROUPS * width;
        this.weightedPooling = embeddings != null && (pooling == Pooling.MEAN || pooling == Pooling.SIF);
        this.capacity = (int) Math.min(MAX_TOKENS, MAX_CACHED_FLOATS / (sumsLength + (weightedPooling ? (long) embeddings.dimension() : 0)));
        this.scratch = ThreadLocal.withInitial(Scratch::new);
        this.articleSums = ThreadLocal.withInitial(() -> new ArticleSum(featurizer.baseDimension()));
    }

    /** Columns of M: the length of what {@link #project} writes. */
    public int width() {
        return width;
    }

    /**
     * Writes x·M into {@code out[0, width)} for the sentence's own block x.
     *
     * @return ||x||²: the number of x's feature groups that are not empty (each is unit-length)
     */
    public int project(String text, String target, double[] out) {
        return project(text, target, out, null);
    }

    /**
     * The same, adding the sentence's own block x into {@code article} (null: nowhere), the sum of
     * an article's sentence vectors whose norm the article context block needs.
     */
    public int project(String text, String target, double[] out, ArticleSum article) {
        Scratch s = scratch.get();
        String normalized = featurizer.normalizer().normalize(text);
        char[] chars = normalized.toCharArray(); // the probes hash from an array: String.charAt was a tenth of article scoring under C1
        WordEmbeddings.Pool pool = embeddings == null ? null : embeddings.new Pool(pooling);
        int groups = 0;
        try {
            Tokenizer.forEachToken(chars, (start, end) -> {
                Token token = token(s.probe.of(normalized, chars, start, end));
                s.tokens.add(token.text);
                for (int i = 0; i < sumsLength; i++) {
                    s.sums[i] += token.sums[i];
                }
                for (int g = 0; g < GROUPS; g++) {
                    s.squares[g] += token.squares[g];
                }
                for (int id : token.ids) {
                    s.count(id);
                }
                if (token.weight > 0) {
                    pool.addWeighted(token.sums, sumsLength, token.weight);
                } else if (pool != null) {
                    pool.add(token.vector);
                }
            });
            String given = target == null ? "" : target;
            NgramExtractor extractor = featurizer.extractor();
            extractor.phrases(s.tokens, NgramExtractor.plainSeed(), s.occurrence, null, "");
            if (extractor.crossesTarget(given)) {
                extractor.grams(s.tokens, NgramExtractor.crossedSeed(given), s.occurrence, null, "");
            }
            if (extractor.readsTarget(given)) {
                s.occurrence.accept(NgramExtractor.WORD_GROUP, NgramExtractor.targetFeature(given));
            }
            s.weighRepeated();
            Arrays.fill(out, 0, width, 0.0);
            for (int g = 0; g < GROUPS; g++) {
                if (s.squares[g] > 0) {
                    groups++;
                    double inverseNorm = 1 / Math.sqrt(s.squares[g]);
                    for (int c = 0; c < width; c++) {
                        out[c] += inverseNorm * s.sums[g * width + c];
                    }
                }
            }
            if (article != null) {
                s.addTo(article);
            }
        } finally {
            s.clear(); // the counts must be empty for the next sentence, whatever happened
        }
        return pool == null ? groups : groups + addPooled(pool.result(), out, article);
    }

    /** Adds the normalised pooled vector times M's vector rows (and to the article); 1 when the pool is not empty, else 0. */
    private int addPooled(float[] pooled, double[] out, ArticleSum article) {
        double squared = 0;
        for (float x : pooled) {
            squared += x * x;
        }
        if (squared == 0) {
            return 0;
        }
        double inverseNorm = 1 / Math.sqrt(squared);
        int first = featurizer.ngramCount();
        for (int j = 0; j < pooled.length; j++) {
            addRow(out, 0, first + j, pooled[j] * inverseNorm);
            if (article != null) {
                article.add(first + j, pooled[j] * inverseNorm);
            }
        }
        return 1;
    }

    /**
     * This thread's {@link ArticleSum}, empty: one article at a time per thread, the caller clears
     * it when the article is done (a fresh one per article would zero megabytes each time).
     */
    public ArticleSum articleSum() {
        ArticleSum sum = articleSums.get();
        sum.clear();
        return sum;
    }

    /**
     * The sum of an article's sentence vectors (their own blocks), added by {@link #project}, for
     * its squared norm: the article context block is that sum normalised, and its share of a
     * linear layer is the sum of the sentences' own shares divided by the norm, so the sum itself
     * is never multiplied. Dense, with the entries touched listed, so that {@link #clear} costs
     * what the article added; reuse one per thread.
     */
    public static final class ArticleSum {
        private final double[] values;
        private final boolean[] touched;
        private int[] list = new int[1024];
        private int size;

        private ArticleSum(int dimension) {
            values = new double[dimension];
            touched = new boolean[dimension];
        }

        void add(int id, double value) {
            if (!touched[id]) {
                if (size == list.length) {
                    list = Arrays.copyOf(list, 2 * size); // before marking: a failed growth leaves nothing half-recorded
                }
                touched[id] = true;
                list[size++] = id;
            }
            values[id] += value;
        }

        /** The squared L2 norm of the sum. */
        public double squaredNorm() {
            double squared = 0;
            for (int i = 0; i < size; i++) {
                squared += values[list[i]] * values[list[i]];
            }
            return squared;
        }

        /** Empties the sum for the next article. */
        public void clear() {
            for (int i = 0; i < size; i++) {
                values[list[i]] = 0;
                touched[list[i]] = false;
            }
            size = 0;
        }
    }

    /** The token the probe names, from the cache or computed (and cached while there is room). */
    private Token token(Probe probe) {
        Token token = cache.get(probe);
        if (token == null) {
            String t = probe.toString();
            int[] ids = featurizer.tokenFeatureIds(t);
            double[] sums = new double[GROUPS * width];
            double[] squares = new double[GROUPS];
            for (int id : ids) {
                float idf = featurizer.idf(id);
                addRow(sums, featurizer.group(id) * width, id, idf);
                squares[featurizer.group(id)] += (double) idf * idf;
            }
            WordEmbeddings.TokenVector vector = embeddings == null ? null : embeddings.tokenVector(t);
            boolean inline = weightedPooling && vector != null;
            float[] narrow = new float[sumsLength + (inline ? embeddings.dimension() : 0)];
            for (int i = 0; i < sumsLength; i++) {
                narrow[i] = (float) sums[i];
            }
            float weight = inline ? vector.weightedInto(pooling, narrow, sumsLength, embeddings.dimension()) : 0f;
            token = new Token(t, ids, narrow, squares, inline ? null : vector, weight);
            if (cache.size() < capacity) {
                cache.put(t, token);
            }
        }
        return token;
    }

    /**
     * A token looked up in the cache as a range of the sentence's text, without copying it into a
     * String first (the copies were a tenth of scoring). The cache's keys are Strings: the probe
     * hashes as {@link String#hashCode} does and equals a String of the same characters, which is
     * all {@link ConcurrentHashMap#get} asks of a key (it calls the probe's equals, never the
     * String's). Only ever a lookup key, never stored.
     */
    private static final class Probe {
        private String text;
        private int start;
        private int end;
        private int hash;

        /** The token text[start, end); {@code chars} holds text's characters. */
        Probe of(String text, char[] chars, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
            int h = 0;
            for (int i = start; i < end; i++) {
                h = 31 * h + chars[i];
            }
            this.hash = h;
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof String s && s.length() == end - start && text.regionMatches(start, s, 0, end - start);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }

    /** sums[group of id] += factor · M's row id. */
    private void addRow(float[] sums, int id, float factor) {
        int at = featurizer.group(id) * width;
        for (int b = 0; b < blockRows.length; b++) {
            int row = (blockRows[b] + id) * stride;
            int to = at + b * stride;
            for (int c = 0; c < stride; c++) {
                sums[to + c] += factor * matrix[row + c];
            }
        }
    }

    /** out[at, at + width) += factor · M's row id. */
    private void addRow(double[] out, int at, int id, double factor) {
        for (int b = 0; b < blockRows.length; b++) {
            int row = (blockRows[b] + id) * stride;
            int to = at + b * stride;
            for (int c = 0; c < stride; c++) {
                out[to + c] += factor * matrix[row + c];
            }
        }
    }

    /** One thread's running sums and term counts for the sentence being projected. */
    private final class Scratch {
        final float[] sums = new float[GROUPS * width]; // float: the additions of a sentence vectorise
        final double[] squares = new double[GROUPS];
        final Probe probe = new Probe();
        final List<String> tokens = new ArrayList<>();
        final int[] count = new int[featurizer.ngramCount()];
        final double[] groupNorms = new double[GROUPS];
        int[] seen = new int[256];
        int seenCount;
        int[] repeated = new int[64];
        int repeatedCount;
        /** A feature not in a token's cached sums: counted, and its row added once per occurrence. */
        final NgramExtractor.Sink occurrence = (g, h) -> {
            int id = featurizer.indexOf(h);
            if (id >= 0) {
                count(id);
                float idf = featurizer.idf(id);
                addRow(sums, id, idf);
                squares[featurizer.group(id)] += (double) idf * idf;
            }
        };

        void count(int id) {
            int before = count[id]++;
            if (before == 0) {
                if (seenCount == seen.length) {
                    seen = Arrays.copyOf(seen, 2 * seenCount);
                }
                seen[seenCount++] = id;
            } else if (before == 1) {
                if (repeatedCount == repeated.length) {
                    repeated = Arrays.copyOf(repeated, 2 * repeatedCount);
                }
                repeated[repeatedCount++] = id;
            }
        }

        /** Each feature seen tf > 1 times was summed tf times: weigh it s(tf) instead. */
        void weighRepeated() {
            for (int i = 0; i < repeatedCount; i++) {
                int id = repeated[i];
                int tf = count[id];
                double s = TermCounts.sublinearTf(tf);
                double idf = featurizer.idf(id);
                addRow(sums, id, (float) ((s - tf) * idf));
                squares[featurizer.group(id)] += (s * s - tf) * idf * idf;
            }
        }

        /** The sentence's n-gram features as its own block holds them (up to float rounding), s(tf)·idf over their group's norm, added to the article. */
        void addTo(ArticleSum article) {
            for (int g = 0; g < GROUPS; g++) {
                groupNorms[g] = Math.sqrt(squares[g]); // once per group, not per feature: the same value divides
            }
            for (int i = 0; i < seenCount; i++) {
                int id = seen[i];
                article.add(id, TermCounts.sublinearTf(count[id]) * featurizer.idf(id) / groupNorms[featurizer.group(id)]);
            }
        }

        void clear() {
            for (int i = 0; i < seenCount; i++) {
                count[seen[i]] = 0;
            }
            seenCount = 0;
            repeatedCount = 0;
            tokens.clear();
            Arrays.fill(sums, 0);
            Arrays.fill(squares, 0);
        }
    }
}
