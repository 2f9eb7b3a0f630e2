package org.stance.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.stance.embed.WordEmbeddings.Neighbour;

/** Brute-force cosine search over a word table: inspection and tests only, never on the scoring path. */
final class NearestWords {

    private NearestWords() {
    }

    /** The k words of {@code words} closest to {@code query}, most similar first, {@code excluded} (may be null) left out. */
    static List<Neighbour> search(VectorTable words, float[] query, int k, String excluded) {
        int dimension = words.dimension();
        PriorityQueue<Neighbour> best = new PriorityQueue<>((a, b) -> Double.compare(a.similarity(), b.similarity()));
        float[] row = new float[dimension];
        for (int i = 0; i < words.size(); i++) {
            if (words.word(i).equals(excluded)) {
                continue;
            }
            System.arraycopy(words.vectors(), i * dimension, row, 0, dimension);
            best.add(new Neighbour(words.word(i), Vectors.cosine(query, row)));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Neighbour> out = new ArrayList<>(best);
        out.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return out;
    }
}
