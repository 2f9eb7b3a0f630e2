package org.stance.quantize;

/**
 * A weight matrix stored in 8 bits: each row as signed bytes times its own float32 scale (the row's
 * largest magnitude / 127). Rows of the first layer are one input feature's weights to every output,
 * so a scale per row keeps a rare feature's small weights as exact, relatively, as a frequent one's
 * large ones.
 *
 * @param rows   rows of the matrix
 * @param width  values per row
 * @param scales one per row, finite and non-negative
 * @param codes  [row][column]
 */
public record RowCodes(int rows, int width, float[] scales, byte[] codes) {

    public RowCodes {
        if (rows < 0 || width <= 0 || scales.length != rows || codes.length != (long) rows * width) {
            throw new IllegalArgumentException("8-bit weights of the wrong size for " + rows + " rows of " + width);
        }
    }

    /** The first {@code rows × width} values of {@code matrix}, row-major, in 8 bits. */
    public static RowCodes of(float[] matrix, int rows, int width) {
        float[] scales = new float[rows];
        byte[] codes = new byte[rows * width];
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < width; c++) {
                max = Math.max(max, Math.abs(matrix[r * width + c]));
            }
            float scale = max / 127f;
            scales[r] = scale;
            for (int c = 0; c < width && scale > 0; c++) {
                codes[r * width + c] = (byte) Math.max(-127, Math.min(127, Math.round(matrix[r * width + c] / scale)));
            }
        }
        return new RowCodes(rows, width, scales, codes);
    }

    /** The matrix the codes stand for, row-major; a scale that is negative or not finite is an IllegalArgumentException. */
    public float[] decode() {
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            float scale = scales[r];
            if (!(scale >= 0 && scale <= Float.MAX_VALUE)) {
                throw new IllegalArgumentException("row " + r + " has scale " + scale);
            }
            for (int c = 0; c < width; c++) {
                out[r * width + c] = codes[r * width + c] * scale;
            }
        }
        return out;
    }
}
