package org.stance.embed;

/** Small float-vector arithmetic on flat arrays (a row i of a matrix starts at {@code i * dimension}). */
final class Vectors {

    private Vectors() {
    }

    static void addTo(float[] target, int targetOffset, float[] source, float factor) {
        addTo(target, targetOffset, source, 0, source.length, factor);
    }

    static void addTo(float[] target, int targetOffset, float[] source, int sourceOffset, int length, float factor) {
        for (int k = 0; k < length; k++) {
            target[targetOffset + k] += factor * source[sourceOffset + k];
        }
    }

    static void scale(float[] v, int offset, int length, float factor) {
        for (int k = 0; k < length; k++) {
            v[offset + k] *= factor;
        }
    }

    static float norm(float[] v, int offset, int length) {
        double s = 0;
        for (int k = 0; k < length; k++) {
            s += (double) v[offset + k] * v[offset + k];
        }
        return (float) Math.sqrt(s);
    }

    /** Cosine similarity; 0 when either vector is all zeros. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
