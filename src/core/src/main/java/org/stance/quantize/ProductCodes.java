package org.stance.quantize;

/**
 * A table of vectors stored product-quantized (Jégou et al. 2011, as fastText's {@code quantize}):
 * each row is cut into {@code dimension / subDimension} sub-vectors and each sub-vector is kept as
 * the one-byte index of its nearest centroid in that position's codebook. A 100-dimensional float16
 * row of 200 bytes becomes 25 bytes at sub-dimension 4.
 *
 * @param rows         vectors in the table
 * @param dimension    values per vector
 * @param subDimension values per sub-vector; divides {@code dimension}
 * @param centroids    centroids per codebook, at most 256 (one byte per code)
 * @param codebook     [position][centroid][subDimension], float16 values held as floats
 * @param codes        [row][position], unsigned bytes
 */
public record ProductCodes(int rows, int dimension, int subDimension, int centroids, float[] codebook, byte[] codes) {

    public static final int MAX_CENTROIDS = 256;

    public ProductCodes {
        if (subDimension <= 0 || dimension % subDimension != 0 || centroids < 1 || centroids > MAX_CENTROIDS) {
            throw new IllegalArgumentException("sub-dimension " + subDimension + " must divide dimension " + dimension + "; centroids 1 to "
                    + MAX_CENTROIDS + ", not " + centroids);
        }
        if (codebook.length != (long) positions(dimension, subDimension) * centroids * subDimension
                || codes.length != (long) rows * positions(dimension, subDimension)) {
            throw new IllegalArgumentException("codebook or codes of the wrong size for " + rows + " rows of " + dimension);
        }
    }

    /** Sub-vectors per row. */
    public int positions() {
        return positions(dimension, subDimension);
    }

    static int positions(int dimension, int subDimension) {
        return dimension / subDimension;
    }

    /** The reconstructed table, row after row; a code beyond the centroids is an IllegalArgumentException (a corrupt file). */
    public float[] decode() {
        int m = positions();
        float[] out = new float[rows * dimension];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < m; p++) {
                int c = codes[r * m + p] & 0xff;
                if (c >= centroids) {
                    throw new IllegalArgumentException("row " + r + " names centroid " + c + " of " + centroids);
                }
                System.arraycopy(codebook, (p * centroids + c) * subDimension, out, r * dimension + p * subDimension, subDimension);
            }
        }
        return out;
    }
}
