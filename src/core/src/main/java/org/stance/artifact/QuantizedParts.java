package org.stance.artifact;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.stance.UserError;
import org.stance.embed.Float16;
import org.stance.quantize.ProductCodes;
import org.stance.quantize.RowCodes;

/**
 * The byte layouts of a quantized model's parts, little-endian, every size implied by the manifest:
 * <pre>
 * parameters.q8   first layer: rows × float32 scale, then rows × width signed bytes;
 *                 then the other parameters (biases, hidden heads) as float32, in parameters.f32's order
 * *.pq            codebook: positions × centroids × sub-dimension float16; then rows × positions one-byte codes
 * </pre>
 */
final class QuantizedParts {

    static final String PARAMETERS = "parameters.q8";

    private QuantizedParts() {
    }

    static byte[] parameters(RowCodes first, float[] all) {
        int firstValues = first.rows() * first.width();
        int rest = all.length - firstValues;
        ByteBuffer buf = ByteBuffer.allocate(4 * first.rows() + firstValues + 4 * rest).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : first.scales()) {
            buf.putFloat(s);
        }
        buf.put(first.codes());
        for (int i = firstValues; i < all.length; i++) {
            buf.putFloat(all[i]);
        }
        return buf.array();
    }

    /** Bytes of {@link #parameters} for a first layer of {@code rows × width} and {@code count} parameters in all. */
    static long parameterBytes(long rows, int width, long count) {
        return 4 * rows + rows * width + 4 * (count - rows * width);
    }

    /** The decoded parameters, in parameters.f32's order. */
    static float[] parameters(byte[] bytes, int rows, int width, int count, String name) {
        if (bytes.length != parameterBytes(rows, width, count)) {
            throw new UserError(name + ": corrupt model: " + PARAMETERS + " holds " + bytes.length + " bytes, expected "
                    + parameterBytes(rows, width, count));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] scales = new float[rows];
        buf.asFloatBuffer().get(scales);
        buf.position(4 * rows);
        byte[] codes = new byte[rows * width];
        buf.get(codes);
        float[] out = new float[count];
        try {
            System.arraycopy(new RowCodes(rows, width, scales, codes).decode(), 0, out, 0, rows * width);
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": corrupt model: " + PARAMETERS + ": " + e.getMessage(), e);
        }
        buf.asFloatBuffer().get(out, rows * width, count - rows * width);
        for (int i = rows * width; i < count; i++) {
            if (!Float.isFinite(out[i])) {
                throw new UserError(name + ": corrupt model: parameter " + i + " is " + out[i]);
            }
        }
        return out;
    }

    static byte[] table(ProductCodes p) {
        ByteBuffer buf = ByteBuffer.allocate(2 * p.codebook().length + p.codes().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : p.codebook()) {
            buf.putShort(Float16.fromFloat(v));
        }
        buf.put(p.codes());
        return buf.array();
    }

    /** Bytes of a {@link #table} of {@code rows} vectors. */
    static long tableBytes(long rows, int dimension, int subDimension, int centroids) {
        long positions = dimension / subDimension;
        return 2 * positions * centroids * subDimension + rows * positions;
    }

    /** The vectors a product-quantized table stands for, row after row. */
    static float[] table(byte[] bytes, int rows, int dimension, int subDimension, int centroids, String entry, String name) {
        if (subDimension <= 0 || dimension % subDimension != 0 || centroids < 1 || centroids > ProductCodes.MAX_CENTROIDS) {
            throw new UserError(name + ": " + entry + ": sub-dimension " + subDimension + " and " + centroids + " centroids do not fit dimension "
                    + dimension);
        }
        if (bytes.length != tableBytes(rows, dimension, subDimension, centroids)) {
            throw new UserError(name + ": " + entry + " holds " + bytes.length + " bytes, expected " + tableBytes(rows, dimension, subDimension, centroids)
                    + " (truncated or corrupt)");
        }
        int bookValues = dimension / subDimension * centroids * subDimension;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        short[] halves = new short[bookValues];
        buf.asShortBuffer().get(halves);
        float[] book = new float[bookValues];
        int bad = Float16.toFloats(halves, book);
        if (bad >= 0) {
            throw new UserError(name + ": " + entry + ": codebook value " + bad + " is " + book[bad] + " (corrupt)");
        }
        byte[] codes = new byte[bytes.length - 2 * bookValues];
        buf.position(2 * bookValues);
        buf.get(codes);
        try {
            return new ProductCodes(rows, dimension, subDimension, centroids, book, codes).decode();
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": " + entry + ": " + e.getMessage() + " (corrupt)", e);
        }
    }
}
