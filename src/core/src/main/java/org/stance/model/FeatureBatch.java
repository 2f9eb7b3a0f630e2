package org.stance.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.stance.features.SparseVector;

/** Packs sparse feature vectors into the dense [batch, dimension] matrix the network reads. */
final class FeatureBatch {

    private FeatureBatch() {
    }

    static INDArray of(List<SparseVector> rows, int dimension) {
        float[] dense = new float[rows.size() * dimension];
        for (int r = 0; r < rows.size(); r++) {
            SparseVector v = rows.get(r);
            int offset = r * dimension;
            for (int i = 0; i < v.size(); i++) {
                dense[offset + v.indices()[i]] = v.values()[i];
            }
        }
        return Nd4j.create(dense, new long[] {rows.size(), dimension}, 'c');
    }
}
