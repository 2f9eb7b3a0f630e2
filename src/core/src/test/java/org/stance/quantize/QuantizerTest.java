package org.stance.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stance.embed.Float16;

/** The 8-bit rows, the product quantizer, and which features pruning keeps. */
class QuantizerTest {

    @Test
    void eightBitRowsAreWithinHalfAStepOfEachValue() {
        Random random = new Random(1);
        int rows = 200;
        int width = 10;
        float[] w = new float[rows * width];
        for (int i = 0; i < w.length; i++) {
            // rows of very different magnitudes: the scale is per row
            w[i] = (float) (random.nextGaussian() * Math.pow(10, -(i / width) % 6));
        }
        java.util.Arrays.fill(w, 5 * width, 6 * width, 0f); // an all-zero row stays zero
        RowCodes codes = RowCodes.of(w, rows, width);
        float[] back = codes.decode();
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < width; c++) {
                max = Math.max(max, Math.abs(w[r * width + c]));
            }
            for (int c = 0; c < width; c++) {
                assertTrue(Math.abs(back[r * width + c] - w[r * width + c]) <= max / 254 * 1.0001 + 1e-30, "row " + r + " column " + c);
            }
        }
        for (int c = 0; c < width; c++) {
            assertEquals(0f, back[5 * width + c]);
        }
    }

    @Test
    void productCodesAreExactWhenEveryRowHasItsOwnCentroidAndDependOnTheSeedAlone() {
        Random random = new Random(2);
        int rows = 40;
        int dim = 12;
        float[] v = new float[rows * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        ProductCodes codes = ProductQuantizer.fit(v, rows, dim, 3, 64, 7);
        assertEquals(rows, codes.centroids(), "no more centroids than rows");
        float[] rounded = v.clone();
        Float16.roundInPlace(rounded);
        assertArrayEquals(rounded, codes.decode());
        ProductCodes again = ProductQuantizer.fit(v, rows, dim, 3, 64, 7);
        assertArrayEquals(codes.codes(), again.codes());
        assertArrayEquals(codes.codebook(), again.codebook());
    }

    @Test
    void anEmptyTableQuantizesToAnEmptyTable() {
        ProductCodes none = ProductQuantizer.fit(new float[0], 0, 8, 4, 256, 1);
        assertEquals(0, none.rows());
        assertEquals(0, none.decode().length);
    }

    @Test
    void productCodesFindClustersAndShrinkTheTable() {
        Random random = new Random(3);
        int rows = 4000;
        int dim = 8;
        float[][] centres = new float[4][dim];
        for (float[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) (random.nextGaussian() * 5);
            }
        }
        float[] v = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dim; j++) {
                v[r * dim + j] = centres[r % 4][j] + (float) (random.nextGaussian() * 0.01);
            }
        }
        ProductCodes codes = ProductQuantizer.fit(v, rows, dim, 4, 16, 1);
        float[] back = codes.decode();
        double err = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            err += (back[i] - v[i]) * (back[i] - v[i]);
            norm += v[i] * v[i];
        }
        assertTrue(err / norm < 1e-4, "relative squared error " + err / norm);
        assertEquals(rows * 2, codes.codes().length, "two one-byte codes per row of 8 values in sub-vectors of 4");
    }

    @Test
    void pruningKeepsTheFeaturesOfLargestWeightInBothBlocks() {
        // 5 n-gram features + 1 pooled value per block, two blocks (sentence, article context), 2 outputs
        int n = 5;
        int base = 6;
        int width = 2;
        float[] p = new float[2 * base * width];
        p[1 * width] = 3f;                   // feature 1, sentence block
        p[(base + 3) * width + 1] = -4f;     // feature 3, context block only
        p[4 * width] = 1f;                   // feature 4: weaker
        p[(base + 4) * width] = 1f;
        p[0] = 0.5f;                          // feature 0: weakest non-zero
        assertArrayEquals(new int[] {1, 3}, Quantizer.strongest(p, n, base, true, width, 2));
        assertArrayEquals(new int[] {1, 3, 4}, Quantizer.strongest(p, n, base, true, width, 3));
        assertArrayEquals(new int[] {0, 1, 4}, Quantizer.strongest(p, n, base, false, width, 3), "one block: feature 3's context weight is not read");
    }
}
