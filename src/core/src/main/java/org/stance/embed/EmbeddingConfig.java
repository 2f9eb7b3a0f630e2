package org.stance.embed;

import org.stance.InvalidSettingException;

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
        InvalidSettingException.require(dimension >= 1 && dimension <= 1000, "dimension", dimension, "from 1 to 1000");
        InvalidSettingException.require(window >= 1 && window <= 100, "window", window, "from 1 to 100");
        InvalidSettingException.require(minCount >= 1, "minCount", minCount, "at least 1");
        InvalidSettingException.require(epochs >= 1 && epochs <= 1000, "epochs", epochs, "from 1 to 1000");
        InvalidSettingException.require(negative >= 1 && negative <= 100, "negative", negative, "from 1 to 100");
        InvalidSettingException.require(Double.isFinite(sampling) && sampling >= 0 && sampling < 1, "sampling", sampling,
                "a finite number from 0 up to (not including) 1");
        InvalidSettingException.require(minN >= 1 && minN <= 20, "minN", minN, "from 1 to 20");
        InvalidSettingException.require(maxN >= minN && maxN <= 20, "maxN", maxN, "from minN (" + minN + ") to 20");
        InvalidSettingException.require(maxWords >= 0, "maxWords", maxWords, "0 (all) or more");
        InvalidSettingException.require(maxNgrams >= 0, "maxNgrams", maxNgrams, "0 (all) or more");
        InvalidSettingException.require(threads >= 1 && threads <= 1024, "threads", threads, "from 1 to 1024");
    }

    public static EmbeddingConfig defaults() {
        return new EmbeddingConfig(DEFAULT_DIMENSION, DEFAULT_WINDOW, DEFAULT_MIN_COUNT, DEFAULT_EPOCHS, DEFAULT_NEGATIVE,
                DEFAULT_SAMPLING, DEFAULT_SEED, SubwordTable.DEFAULT_MIN_N, SubwordTable.DEFAULT_MAX_N, DEFAULT_MAX_WORDS,
                DEFAULT_MAX_NGRAMS, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

}
