package org.stance.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stance.embed.Pooling;
import org.stance.embed.WordEmbeddings;
import org.stance.text.Tokenizer;

/**
 * The pooled word-vector block's share of a linear score, split into the shares of the sentence's
 * words. With MEAN or SIF pooling the block is x = Σ_t a_t v_t / (A‖p‖), where p = Σ_t a_t v_t / A
 * and A = Σ_t a_t, so a share g·x is exactly Σ_t (a_t / (A‖p‖)) g·v_t: one part per token, adding
 * up to the block's share. MAX pooling is not a sum and is not split.
 */
public final class PooledWordShares {

    private PooledWordShares() {
    }

    /** Whether {@code featurizer}'s pooled block can be split into words. */
    public static boolean splittable(Featurizer featurizer) {
        return featurizer.embeddings() != null && (featurizer.pooling() == Pooling.MEAN || featurizer.pooling() == Pooling.SIF);
    }

    /** Index of the first pooled input (after the n-gram vocabulary). */
    public static int firstIndex(Featurizer featurizer) {
        return featurizer.baseDimension() - featurizer.embeddings().pooledDimension(featurizer.pooling());
    }

    /**
     * Token (as the features see it) → its share of {@code g·x}, where {@code g[j]} is the score's
     * weight on pooled input j; tokens without a vector get none. Empty when no token has a vector.
     */
    public static Map<String, Double> split(Featurizer featurizer, String text, double[] g) {
        WordEmbeddings embeddings = featurizer.embeddings();
        boolean sif = featurizer.pooling() == Pooling.SIF;
        int d = embeddings.dimension();
        List<String> tokens = Tokenizer.tokenize(featurizer.normalizer().normalize(text));
        List<WordEmbeddings.TokenVector> vectors = tokens.stream().map(embeddings::tokenVector).toList(); // null: no vector
        double[] sum = new double[d];
        double total = 0;
        for (WordEmbeddings.TokenVector v : vectors) {
            if (v != null) {
                double a = sif ? v.sifWeight() : 1.0;
                for (int k = 0; k < d; k++) {
                    sum[k] += a * v.data()[v.offset() + k];
                }
                total += a;
            }
        }
        double norm = 0;
        for (double s : sum) {
            norm += s * s;
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        if (total == 0 || norm == 0) {
            return shares;
        }
        double scale = 1 / Math.sqrt(norm); // a_t / (A‖p‖) = a_t / ‖Σ a v‖
        for (int t = 0; t < tokens.size(); t++) {
            WordEmbeddings.TokenVector v = vectors.get(t);
            if (v != null) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += g[k] * v.data()[v.offset() + k];
                }
                shares.merge(tokens.get(t), (sif ? v.sifWeight() : 1.0) * scale * dot, Double::sum);
            }
        }
        return shares;
    }
}
