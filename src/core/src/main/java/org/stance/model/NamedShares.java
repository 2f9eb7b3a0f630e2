package org.stance.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stance.features.Featurizer;
import org.stance.features.PooledWordShares;
import org.stance.features.SparseVector;

/**
 * An attribution's parts named as a reader reads them: by word. "word X" gathers everything of the
 * word X: its unigram, its light stem, its character n-grams (a character n-gram found in two words
 * goes to the first) and its exact share of the pooled word vectors. Word pairs ("words X Y") and
 * target features keep their own names. The article context block is
 * split exactly into the shares of the article's sentences ("sentence N"); for a sentence scored
 * alone the block is the sentence's own inputs rescaled, so its parts go to those inputs' names.
 * The parts always add up to the attribution's total.
 */
final class NamedShares {

    /** An article's sentences as the context block sums them: their ids and own blocks, in order. */
    record ArticleSentences(List<Integer> ids, List<SparseVector> blocks) {
    }

    private NamedShares() {
    }

    static Map<String, Double> of(Featurizer featurizer, String text, String target, SparseVector row, Predictor.Attribution a,
                                  ArticleSentences article) {
        Map<Integer, String> names = featurizer.describe(text, target);
        int base = featurizer.baseDimension();
        boolean split = PooledWordShares.splittable(featurizer);
        int firstPooled = split ? PooledWordShares.firstIndex(featurizer) : base;
        double[] pooledWeights = new double[base - firstPooled];
        double aloneScale = article == null ? aloneScale(row, base) : 0;
        Map<Integer, Double> contextWeights = new LinkedHashMap<>();
        Map<String, Double> out = new LinkedHashMap<>();
        int[] idx = a.indices();
        for (int i = 0; i < idx.length; i++) {
            int own = idx[i] < base ? idx[i] : idx[i] - base;
            if (idx[i] >= base && article != null) {
                contextWeights.put(own, a.weights()[i]);
            } else if (split && own >= firstPooled) {
                pooledWeights[own - firstPooled] += idx[i] < base ? a.weights()[i] : aloneScale * a.weights()[i];
            } else {
                out.merge(byWord(names.getOrDefault(own, featurizer.isPooledVector(own) ? "word vectors (pooled)" : "feature #" + own)),
                        a.contributions()[i], Double::sum);
            }
        }
        if (split) {
            PooledWordShares.split(featurizer, text, pooledWeights).forEach((token, share) -> out.merge("word " + token, share, Double::sum));
        }
        if (article != null && !contextWeights.isEmpty()) {
            addSentences(article, contextWeights, featurizer.articleContext(), out);
        }
        return out;
    }

    private static final java.util.regex.Pattern PART_OF_WORD = java.util.regex.Pattern.compile("^(\\[[^]]*\\] )?(?:stem .+ \\(of (.+)\\)|chars '.*' of (.+))$");

    /** A stem's or character n-gram's name → its word's ("word X", keeping a target prefix); other names as they are. */
    static String byWord(String name) {
        java.util.regex.Matcher m = PART_OF_WORD.matcher(name);
        if (!m.matches()) {
            return name;
        }
        return (m.group(1) == null ? "" : m.group(1)) + "word " + (m.group(2) != null ? m.group(2) : m.group(3));
    }

    /** The ratio of a sentence-alone row's context block to its own inputs (weight / ‖own‖). */
    private static double aloneScale(SparseVector row, int base) {
        int[] idx = row.indices();
        float[] x = row.values();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] >= base) {
                for (int j = 0; j < i; j++) {
                    if (idx[j] == idx[i] - base && x[j] != 0) {
                        return (double) x[i] / x[j];
                    }
                }
            }
        }
        return 0;
    }

    /** The block is (w/‖S‖)·S with S the sum of the sentences' blocks: sentence s's part is (w/‖S‖)·(x_s · g). */
    private static void addSentences(ArticleSentences article, Map<Integer, Double> weights, double w, Map<String, Double> out) {
        Map<Integer, Double> sum = new java.util.HashMap<>();
        for (SparseVector s : article.blocks()) {
            for (int k = 0; k < s.size(); k++) {
                sum.merge(s.indices()[k], (double) s.values()[k], Double::sum);
            }
        }
        double norm = Math.sqrt(sum.values().stream().mapToDouble(v -> v * v).sum());
        if (norm == 0) {
            return;
        }
        for (int s = 0; s < article.blocks().size(); s++) {
            SparseVector v = article.blocks().get(s);
            double dot = 0;
            for (int k = 0; k < v.size(); k++) {
                dot += v.values()[k] * weights.getOrDefault(v.indices()[k], 0.0);
            }
            out.merge("sentence " + article.ids().get(s), w / norm * dot, Double::sum);
        }
    }
}
