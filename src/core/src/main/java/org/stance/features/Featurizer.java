package org.stance.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.embed.Pooling;
import org.stance.embed.WordEmbeddings;
import org.stance.text.Tokenizer;

/**
 * Sentence → sparse TF-IDF vector over a vocabulary of word and character n-grams learned from
 * training sentences. Term frequency is sublinear (1 + ln tf), IDF is smoothed
 * (ln((1 + n) / (1 + df)) + 1), and each feature group is L2-normalised on its own, the weighting
 * that makes TF-IDF linear models strong on short texts. Optionally the pooled word vectors of
 * in-house embeddings follow the n-grams, so the classifier also sees words it never saw
 * labeled. Features are identified by the 64-bit
 * hash of their text (see {@link NgramExtractor}). Immutable and thread-safe once built.
 */
public final class Featurizer {

    /** The feature groups of the n-gram vocabulary (words and stems; character n-grams), each L2-normalised on its own. */
    public static final int GROUPS = NgramExtractor.GROUPS;

    private final NormalizerConfig normalizerConfig;
    private final ArabicNormalizer normalizer;
    private final NgramConfig config;
    private final NgramExtractor extractor;
    private final long[] hashes;
    private final int[] groups;
    private final float[] idf;
    private final LongIntMap index;
    private final WordEmbeddings embeddings; // null: n-grams only
    private final ThreadLocal<TermCounts> counts;
    private final Pooling pooling;
    private final double articleContext;

    private Featurizer(NormalizerConfig normalizerConfig, NgramConfig config, long[] hashes, int[] groups, float[] idf,
                       WordEmbeddings embeddings, Pooling pooling) {
        this.normalizerConfig = normalizerConfig;
        this.normalizer = new ArabicNormalizer(normalizerConfig);
        this.config = config;
        this.extractor = new NgramExtractor(config);
        this.hashes = hashes;
        this.groups = groups;
        this.idf = idf;
        this.index = new LongIntMap(hashes);
        this.embeddings = embeddings;
        this.pooling = pooling;
        this.articleContext = config.articleContext();
        this.counts = ThreadLocal.withInitial(() -> new TermCounts(hashes.length));
    }

    /** Learns the vocabulary and IDF weights from training sentences (with their targets, "" when none). */
    public static Featurizer fit(List<String> texts, List<String> targets, NormalizerConfig normalizerConfig, NgramConfig config) {
        return fit(texts, targets, normalizerConfig, config, null, null);
    }

    /**
     * The same, with the pooled word vectors of {@code embeddings} appended to every sentence's
     * n-gram vector (as a third, L2-normalised group), or none when {@code embeddings} is null.
     */
    public static Featurizer fit(List<String> texts, List<String> targets, NormalizerConfig normalizerConfig, NgramConfig config,
                                 WordEmbeddings embeddings, Pooling pooling) {
        return fitTokens(tokenize(texts, normalizerConfig), targets, normalizerConfig, config, embeddings, pooling);
    }

    /**
     * Each text normalised and tokenised as the features see it, in parallel: a training run does
     * this once per sentence and hands the tokens to {@link #fitTokens} and {@link #featurizeArticleTokens}.
     */
    public static List<List<String>> tokenize(List<String> texts, NormalizerConfig normalizerConfig) {
        ArabicNormalizer normalizer = new ArabicNormalizer(normalizerConfig);
        return IntStream.range(0, texts.size()).parallel().mapToObj(i -> Tokenizer.tokenize(normalizer.normalize(texts.get(i)))).toList();
    }

    /** {@link #fit(List, List, NormalizerConfig, NgramConfig, WordEmbeddings, Pooling)} from {@link #tokenize tokenised} texts. */
    public static Featurizer fitTokens(List<List<String>> tokens, List<String> targets, NormalizerConfig normalizerConfig, NgramConfig config,
                                       WordEmbeddings embeddings, Pooling pooling) {
        if (embeddings != null && !embeddings.normalizer().equals(normalizerConfig)) {
            throw new org.stance.UserError("the embeddings were trained with another normalisation (" + embeddings.normalizer().toMap()
                    + ") than this model uses (" + normalizerConfig.toMap() + ")");
        }
        DocumentFrequencies.Kept kept = DocumentFrequencies.countTokens(tokens, targets, new NgramExtractor(config))
                .mostFrequent(config.minDf(), config.maxFeatures());
        float[] idf = new float[kept.hashes().length];
        int n = tokens.size();
        for (int i = 0; i < idf.length; i++) {
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + kept.counts()[i])) + 1.0);
        }
        long[] hashes = kept.hashes();
        int[] groups = kept.groups();
        return new Featurizer(normalizerConfig, config, hashes, groups, idf, embeddings, pooling);
    }

    /**
     * The input vectors of many sentences, featurized in parallel (the featurizer is immutable):
     * {@code articles.get(i)} names sentence i's article, whose sentences share one article context
     * block (when this featurizer has one).
     */
    public List<SparseVector> featurizeArticles(List<String> texts, List<String> targets, List<String> articles) {
        return inArticles(sentenceVectors(texts, targets), articles);
    }

    /** {@link #featurizeArticles} from sentences {@link #tokenize tokenised} with this featurizer's normaliser. */
    public List<SparseVector> featurizeArticleTokens(List<List<String>> tokens, List<String> targets, List<String> articles) {
        return inArticles(IntStream.range(0, tokens.size()).parallel().mapToObj(i -> tokenVector(tokens.get(i), targets.get(i))).toList(), articles);
    }

    private List<SparseVector> inArticles(List<SparseVector> own, List<String> articles) {
        return articleContext == 0 ? own : ArticleContext.appendByArticle(own, articles, baseDimension(), articleContext);
    }

    /** Many sentences' own blocks ({@link #sentenceVector}), featurized in parallel, in order. */
    public List<SparseVector> sentenceVectors(List<String> texts, List<String> targets) {
        return IntStream.range(0, texts.size()).parallel().mapToObj(i -> sentenceVector(texts.get(i), targets.get(i))).toList();
    }

    /** The input vector of a sentence scored on its own (an article of one sentence); indices ascend. Unknown n-grams are ignored. */
    public SparseVector featurize(String text, String target) {
        return alone(sentenceVector(text, target));
    }

    /**
     * The sentence's own block: the TF-IDF vector of its n-grams, then its pooled word vectors;
     * indices ascend, below {@link #baseDimension()}. Unknown n-grams are ignored.
     */
    public SparseVector sentenceVector(String text, String target) {
        return tokenVector(Tokenizer.tokenize(normalizer.normalize(text)), target);
    }

    private SparseVector tokenVector(List<String> tokens, String target) {
        count(tokens, target == null ? "" : target);
        return weighted(tokens);
    }

    /** A sentence's input vector within an article: its own block and the article's {@link #contextBlock}. */
    public SparseVector inArticle(SparseVector sentence, SparseVector contextBlock) {
        return articleContext == 0 ? sentence : ArticleContext.append(sentence, contextBlock, baseDimension());
    }

    /** The article context block of an article's sentence vectors, summed in {@code sum}; null without article context. */
    public SparseVector contextBlock(ArticleContext.Sum sum) {
        return articleContext == 0 ? null : sum.block(articleContext);
    }

    private SparseVector alone(SparseVector sentence) {
        return articleContext == 0 ? sentence : ArticleContext.alone(sentence, articleContext, baseDimension());
    }

    /** {@link #featurize} counted through {@link NgramExtractor#extract} without the token cache: the reference tests compare with. */
    SparseVector featurizeUncached(String text, String target) {
        List<String> tokens = Tokenizer.tokenize(normalizer.normalize(text));
        extractor.extract(tokens, target, counting(counts.get()));
        return alone(weighted(tokens));
    }

    /** Counts the sentence's n-grams into this thread's {@link TermCounts}. */
    private void count(List<String> tokens, String target) {
        TermCounts c = counts.get();
        NgramExtractor.Sink count = counting(c);
        // What extract() gives, with each token's own features (word, stem, character n-grams: most
        // of a sentence's lookups) taken from a per-token cache of vocabulary indices.
        extractor.phrases(tokens, NgramExtractor.plainSeed(), count, null, "");
        for (String t : tokens) {
            for (int id : tokenFeatures(t)) {
                c.add(id);
            }
        }
        if (extractor.crossesTarget(target)) {
            extractor.grams(tokens, NgramExtractor.crossedSeed(target), count, null, "");
        }
        if (extractor.readsTarget(target)) {
            count.accept(NgramExtractor.WORD_GROUP, NgramExtractor.targetFeature(target));
        }
    }

    /** A sink counting the n-grams of the vocabulary into {@code c}. */
    private NgramExtractor.Sink counting(TermCounts c) {
        return (g, h) -> {
            int id = index.get(h);
            if (id >= 0) {
                c.add(id);
            }
        };
    }

    /** The TF-IDF vector of what {@link #count} counted (leaving the counts empty), with the pooled vectors of the tokens. */
    private SparseVector weighted(List<String> tokens) {
        TermCounts c = counts.get();
        int u = c.distinct;
        int[] unique = new int[u];
        int[] tf = new int[u];
        c.drainAscending(unique, tf);
        float[] values = new float[u];
        double[] norms = new double[NgramExtractor.GROUPS];
        for (int i = 0; i < u; i++) {
            int id = unique[i];
            values[i] = (float) (TermCounts.sublinearTf(tf[i]) * idf[id]);
            norms[groups[id]] += values[i] * values[i];
        }
        for (int i = 0; i < u; i++) {
            values[i] /= (float) Math.sqrt(norms[groups[unique[i]]]);
        }
        if (embeddings == null) {
            return new SparseVector(Arrays.copyOf(unique, u), Arrays.copyOf(values, u));
        }
        float[] pooled = embeddings.pool(tokens, pooling);
        double norm = 0;
        for (float x : pooled) {
            norm += x * x;
        }
        int[] allIds = Arrays.copyOf(unique, u + pooled.length);
        float[] allValues = Arrays.copyOf(values, u + pooled.length);
        int n = u;
        for (int j = 0; j < pooled.length && norm > 0; j++) {
            allIds[n] = hashes.length + j;
            allValues[n++] = (float) (pooled[j] / Math.sqrt(norm));
        }
        return new SparseVector(Arrays.copyOf(allIds, n), Arrays.copyOf(allValues, n));
    }

    /** Tokens whose own features were looked up already; bounded, shared by all threads. */
    private final java.util.concurrent.ConcurrentHashMap<String, int[]> tokenCache = new java.util.concurrent.ConcurrentHashMap<>();
    static final int TOKEN_CACHE = 200_000; // at most ~40 MB

    private static final class IdList {
        private int[] ids = new int[32];
        private int n;

        void add(int id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, 2 * n);
            }
            ids[n++] = id;
        }

        int[] toArray() {
            return Arrays.copyOf(ids, n);
        }
    }

    /** The vocabulary indices of a token's own features, computed (not cached): see {@link #tokenFeatures}. */
    int[] tokenFeatureIds(String token) {
        IdList found = new IdList();
        extractor.tokenGrams(token, NgramExtractor.plainSeed(), (g, h) -> {
            int id = index.get(h);
            if (id >= 0) {
                found.add(id);
            }
        }, null, "");
        return found.toArray();
    }

    /**
     * The vocabulary indices of a token's own features, each occurrence once (a repeated character
     * n-gram counts twice, as in extract()). News reuses its words, so after a few thousand sentences
     * nearly every token comes from the cache: one lookup instead of about twenty hashes and lookups.
     */
    private int[] tokenFeatures(String token) {
        int[] ids = tokenCache.get(token);
        if (ids == null) {
            ids = tokenFeatureIds(token);
            if (tokenCache.size() < TOKEN_CACHE) {
                tokenCache.put(token, ids);
            }
        }
        return ids;
    }

    /**
     * A readable name for each active n-gram feature of a sentence (index → "word ...", "stem ...",
     * "chars '...' of ...", "target ..."): for explanations; scoring never builds these strings.
     */
    public java.util.Map<Integer, String> describe(String text, String target) {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        java.util.Map<Long, String> byHash = new java.util.HashMap<>();
        List<String> tokens = Tokenizer.tokenize(normalizer.normalize(text));
        extractor.extract(tokens, target, (g, h) -> { }, (h, name) -> byHash.putIfAbsent(h, name));
        byHash.forEach((h, name) -> {
            int id = index.get(h);
            if (id >= 0) {
                names.putIfAbsent(id, name);
            }
        });
        return names;
    }

    /** True for an input index of the pooled word-vector block (after the n-gram vocabulary). */
    public boolean isPooledVector(int index) {
        return index >= hashes.length && index < baseDimension();
    }

    /** True for an input index of the article context block (after the sentence's own inputs). */
    public boolean isArticleContext(int index) {
        return index >= baseDimension();
    }

    /** The weight of the article context block; 0 when there is none. */
    public double articleContext() {
        return articleContext;
    }

    /**
     * A sentence's own block times a matrix M, computed from per-token products ({@link SentenceProjection}).
     * M's row f is made of the rows {@code blockRows[b] + f} of {@code matrix} (row-major, {@code columns}
     * values per row), side by side: {@code {0}} for the matrix's first rows, {@code {0, n}} for those and
     * the rows from n on.
     */
    public SentenceProjection projection(float[] matrix, int columns, int... blockRows) {
        return new SentenceProjection(this, matrix, columns, blockRows);
    }

    ArabicNormalizer normalizer() {
        return normalizer;
    }

    NgramExtractor extractor() {
        return extractor;
    }

    /** The vocabulary index of an n-gram hash, or -1. */
    int indexOf(long hash) {
        return index.get(hash);
    }

    /** The number of n-gram features (the pooled word vectors' inputs follow them). */
    int ngramCount() {
        return hashes.length;
    }

    float idf(int id) {
        return idf[id];
    }

    int group(int id) {
        return groups[id];
    }

    /** The n-gram features this featurizer extracts. */
    public NgramConfig config() {
        return config;
    }

    /** The word vectors appended to every sentence, or null. */
    public WordEmbeddings embeddings() {
        return embeddings;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** Width of a sentence's own block: the n-gram vocabulary, plus the pooled embedding when there is one. */
    public int baseDimension() {
        return hashes.length + (embeddings == null ? 0 : embeddings.pooledDimension(pooling));
    }

    /** Input width of the network: the sentence's own block, twice when the article context block follows it. */
    public int dimension() {
        return articleContext == 0 ? baseDimension() : 2 * baseDimension();
    }

    /**
     * The learned vocabulary, in index order: each n-gram's hash, its feature group (word, stem,
     * char) and IDF weight. The artifact codec stores it; n-gram texts are never kept.
     */
    public record Vocabulary(long[] hashes, int[] groups, float[] idf) {
        public Vocabulary {
            if (hashes.length != groups.length || hashes.length != idf.length) {
                throw new IllegalArgumentException("vocabulary arrays differ in length");
            }
        }
    }

    public Vocabulary vocabulary() {
        return new Vocabulary(hashes.clone(), groups.clone(), idf.clone());
    }

    /** This featurizer's settings over another vocabulary and word vectors (a pruned or quantized model's). */
    public Featurizer with(Vocabulary vocabulary, WordEmbeddings vectors) {
        return of(normalizerConfig, config, vocabulary, vectors, pooling);
    }

    /** A featurizer from a stored vocabulary, with the word vectors stored beside it (or null). */
    public static Featurizer of(NormalizerConfig normalizerConfig, NgramConfig config, Vocabulary vocabulary, WordEmbeddings embeddings,
                                Pooling pooling) {
        return new Featurizer(normalizerConfig, config, vocabulary.hashes().clone(), vocabulary.groups().clone(), vocabulary.idf().clone(),
                embeddings, pooling);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Featurizer f && normalizerConfig.equals(f.normalizerConfig) && config.equals(f.config)
                && Arrays.equals(hashes, f.hashes) && Arrays.equals(groups, f.groups) && Arrays.equals(idf, f.idf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hashes);
    }
}
