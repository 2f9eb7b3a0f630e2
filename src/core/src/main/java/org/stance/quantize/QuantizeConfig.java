package org.stance.quantize;

/**
 * How {@link Quantizer} shrinks a model; the defaults are defined here once.
 *
 * @param features     n-gram features kept, those whose weights weigh most (0: all)
 * @param subwords     character n-gram vectors kept for unseen words, the most widespread first (0: all)
 * @param subDimension values per product-quantized sub-vector of the word and n-gram vectors
 * @param centroids    centroids per codebook (at most 256)
 * @param seed         seeds k-means: the same model and settings give the same file
 */
public record QuantizeConfig(int features, int subwords, int subDimension, int centroids, long seed) {

    /**
     * 35,000 features, the 30,000 most widespread character n-grams and sub-vectors of 4 bring the
     * shipped model from 20.7 MB to 2.7 MB. Chosen by article-grouped CV with retraining (stance /
     * topic macro-F1 change): 20,000 features, all n-grams, sub-vectors of 4: -0.0065 / -0.0099;
     * 30,000, all, 5: +0.0007 / -0.0140; these: -0.0017 / -0.0067 (docs/PERFORMANCE.md).
     */
    public static final QuantizeConfig DEFAULTS = new QuantizeConfig(35_000, 30_000, 4, ProductCodes.MAX_CENTROIDS, 42);

    public QuantizeConfig {
        if (features < 0 || subwords < 0) {
            throw new IllegalArgumentException("features and subwords to keep must be 0 (all) or more, not " + Math.min(features, subwords));
        }
        if (subDimension < 1) {
            throw new IllegalArgumentException("sub-vector dimension must be at least 1, not " + subDimension);
        }
        if (centroids < 2 || centroids > ProductCodes.MAX_CENTROIDS) {
            throw new IllegalArgumentException("centroids must be 2 to " + ProductCodes.MAX_CENTROIDS + ", not " + centroids);
        }
    }
}
