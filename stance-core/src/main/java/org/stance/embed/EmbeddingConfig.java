package org.stance.embed;

/**
 * Settings of one embedding training run. Defaults follow fastText's skipgram where DL4J allows
 * (dimension 100, window 5, 5 negative samples, subsampling 1e-4, char n-grams 3-5).
 *
 * @param dimension  vector size
 * @param window     context words on each side
 * @param minCount   words seen fewer times are dropped before training
 * @param epochs     passes over the corpus
 * @param negative   negative samples per context word
 * @param sampling   frequent-word subsampling threshold (0 = off); also speeds training up a lot
 * @param seed       random seed of the initial weights (DL4J does not make whole runs bit-identical, see {@link EmbeddingTrainer})
 * @param minN       shortest char n-gram of the subword table, boundary markers included
 * @param maxN       longest char n-gram
 * @param maxWords   words kept in the stored artifact, most frequent first (0 = all); the subword
 *                   table is still built from every trained word
 * @param maxNgrams  n-grams kept in the subword table, most widespread first (0 = all)
 * @param threads    DL4J training threads
 */
public record EmbeddingConfig(int dimension, int window, int minCount, int epochs, int negative, double sampling,
                              long seed, int minN, int maxN, int maxWords, int maxNgrams, int threads) {

    public static final int DEFAULT_DIMENSION = 100;
    public static final int DEFAULT_WINDOW = 5;
    public static final int DEFAULT_MIN_COUNT = 3;
    public static final int DEFAULT_EPOCHS = 5;
    public static final int DEFAULT_NEGATIVE = 5;
    public static final double DEFAULT_SAMPLING = 1e-4;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_MAX_WORDS = 50_000;
    public static final int DEFAULT_MAX_NGRAMS = 50_000;

    public EmbeddingConfig {
        require(dimension >= 1 && dimension <= 1000, "dimension must be 1..1000, got " + dimension);
        require(window >= 1, "window must be at least 1, got " + window);
        require(minCount >= 1, "min count must be at least 1, got " + minCount);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(negative >= 1, "negative samples must be at least 1, got " + negative);
        require(sampling >= 0 && sampling < 1, "sampling must be in [0, 1), got " + sampling);
        require(minN >= 1 && maxN >= minN, "n-gram lengths must satisfy 1 <= min <= max, got " + minN + ".." + maxN);
        require(maxWords >= 0 && maxNgrams >= 0, "max words and max n-grams must not be negative");
        require(threads >= 1, "threads must be at least 1, got " + threads);
    }

    public static EmbeddingConfig defaults() {
        return new EmbeddingConfig(DEFAULT_DIMENSION, DEFAULT_WINDOW, DEFAULT_MIN_COUNT, DEFAULT_EPOCHS, DEFAULT_NEGATIVE,
                DEFAULT_SAMPLING, DEFAULT_SEED, SubwordTable.DEFAULT_MIN_N, SubwordTable.DEFAULT_MAX_N, DEFAULT_MAX_WORDS,
                DEFAULT_MAX_NGRAMS, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new org.stance.UserError(message);
        }
    }
}
