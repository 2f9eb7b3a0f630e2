package org.stance.features;

/** A sparse feature vector: parallel arrays of ascending feature indices and their values. */
public record SparseVector(int[] indices, float[] values) {

    public int size() {
        return indices.length;
    }
}
