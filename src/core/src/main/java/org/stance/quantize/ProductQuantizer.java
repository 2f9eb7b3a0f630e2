package org.stance.quantize;

import java.util.Random;
import java.util.stream.IntStream;
import org.stance.embed.Float16;

/**
 * Learns the codebooks of a {@link ProductCodes} table by k-means in each sub-vector position
 * (Lloyd's iterations from centroids drawn among the rows) and encodes every row. Positions are
 * independent, so they run in parallel, each from its own seeded generator: the result depends on
 * the seed alone, not on the thread count.
 */
public final class ProductQuantizer {

    /** Lloyd iterations per position: the codes change in well under 1% of the rows after 20 on word vectors. */
    static final int ITERATIONS = 25;
    /** Rows k-means learns from, at most (all of a table up to this size; a seeded sample beyond it). */
    static final int MAX_TRAINING_ROWS = 131_072;

    private ProductQuantizer() {
    }

    /** The rows of {@code vectors} ({@code rows × dimension}, row-major) product-quantized. */
    public static ProductCodes fit(float[] vectors, int rows, int dimension, int subDimension, int centroids, long seed) {
        int m = ProductCodes.positions(dimension, subDimension);
        if (dimension % subDimension != 0) {
            throw new IllegalArgumentException("sub-dimension " + subDimension + " does not divide dimension " + dimension);
        }
        int k = Math.max(1, Math.min(centroids, rows));
        float[] codebook = new float[m * k * subDimension];
        byte[] codes = new byte[rows * m];
        if (rows == 0) {
            return new ProductCodes(0, dimension, subDimension, k, codebook, codes); // an empty table: one zero centroid, no codes
        }
        IntStream.range(0, m).parallel().forEach(p -> {
            float[] sub = subvectors(vectors, rows, dimension, p * subDimension, subDimension);
            float[] book = kmeans(sub, rows, subDimension, k, new Random(seed * 31 + p));
            Float16.roundInPlace(book); // the stored precision: decoding a loaded file gives these exact values
            System.arraycopy(book, 0, codebook, p * k * subDimension, book.length);
            for (int r = 0; r < rows; r++) {
                codes[r * m + p] = (byte) nearest(sub, r * subDimension, book, k, subDimension);
            }
        });
        return new ProductCodes(rows, dimension, subDimension, k, codebook, codes);
    }

    private static float[] subvectors(float[] vectors, int rows, int dimension, int offset, int d) {
        float[] out = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(vectors, r * dimension + offset, out, r * d, d);
        }
        return out;
    }

    private static float[] kmeans(float[] x, int rows, int d, int k, Random random) {
        int[] sample = sample(rows, random);
        float[] centroids = new float[k * d];
        int[] start = sample.clone();
        shuffle(start, random);
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, start[c % start.length] * d, centroids, c * d, d);
        }
        int[] assigned = new int[sample.length];
        double[] sums = new double[k * d];
        int[] sizes = new int[k];
        for (int it = 0; it < ITERATIONS; it++) {
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(sizes, 0);
            for (int i = 0; i < sample.length; i++) {
                int c = nearest(x, sample[i] * d, centroids, k, d);
                assigned[i] = c;
                sizes[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += x[sample[i] * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] == 0) {
                    // an empty cluster takes a random row, as fastText's does (split of a large one, simplified)
                    System.arraycopy(x, sample[random.nextInt(sample.length)] * d, centroids, c * d, d);
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    centroids[c * d + j] = (float) (sums[c * d + j] / sizes[c]);
                }
            }
        }
        return centroids;
    }

    private static int[] sample(int rows, Random random) {
        int[] all = IntStream.range(0, rows).toArray();
        if (rows <= MAX_TRAINING_ROWS) {
            return all;
        }
        shuffle(all, random);
        return java.util.Arrays.copyOf(all, MAX_TRAINING_ROWS);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static int nearest(float[] x, int at, float[] centroids, int k, int d) {
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float dist = 0;
            for (int j = 0; j < d; j++) {
                float diff = x[at + j] - centroids[c * d + j];
                dist += diff * diff;
            }
            if (dist < bestDistance) {
                bestDistance = dist;
                best = c;
            }
        }
        return best;
    }
}
