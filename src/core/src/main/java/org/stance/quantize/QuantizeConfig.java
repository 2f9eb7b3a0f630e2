package org.stance.quantize;

/**
 * How {@link Quantizer} shrinks a model; the defaults are defined here once.
 *
 * @param features     n-gram features kept, those whose weights weigh most (0: all)
 * @param subDimension values per product-quantized sub-vector of the word and n-gram vectors
 * @param centroids    centroids per codebook (at most 256)
 * @param seed         seeds k-means: the same model and settings give the same file
 */
public record QuantizeConfig(int features, int subDimension, int centroids, long seed) {

    /**
     * 20,000 features and sub-vectors of 4 bring the shipped model from 20.7 MB to under 3 MB
     * (docs/PERFORMANCE.md has the figures before and after).
     */
    public static final QuantizeConfig DEFAULTS = new QuantizeConfig(20_000, 4, ProductCodes.MAX_CENTROIDS, 42);

    public QuantizeConfig {
        if (features < 0) {
            throw new IllegalArgumentException("features to keep must be 0 (all) or more, not " + features);
        }
        if (subDimension < 1) {
            throw new IllegalArgumentException("sub-vector dimension must be at least 1, not " + subDimension);
        }
        if (centroids < 2 || centroids > ProductCodes.MAX_CENTROIDS) {
            throw new IllegalArgumentException("centroids must be 2 to " + ProductCodes.MAX_CENTROIDS + ", not " + centroids);
        }
    }
}
