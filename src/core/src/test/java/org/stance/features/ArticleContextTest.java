package org.stance.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stance.text.NormalizerConfig;

class ArticleContextTest {

    private static final List<String> TEXTS = List.of(
            "طالب البرلمان بانسحاب القوات الأجنبية من العراق.",
            "القوات الأمريكية باقية في العراق لمهمة التدريب.",
            "واشنطن تماطل في سحب قواتها من العراق.",
            "قال مسؤول إن المفاوضات مع واشنطن مستمرة.");
    private static final List<String> NO_TARGETS = List.of("", "", "", "");

    private static Featurizer fit(double weight) {
        return Featurizer.fit(TEXTS, NO_TARGETS, NormalizerConfig.defaults(), NgramConfig.DEFAULTS.withArticleContext(weight));
    }

    /** The reference: a plain map sum, normalised and weighted. */
    private static Map<Integer, Double> expectedBlock(List<SparseVector> rows, double weight) {
        Map<Integer, Double> sum = new HashMap<>();
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                sum.merge(r.indices()[i], (double) r.values()[i], Double::sum);
            }
        });
        double norm = Math.sqrt(sum.values().stream().mapToDouble(v -> v * v).sum());
        sum.replaceAll((k, v) -> v * weight / norm);
        return sum;
    }

    private static void assertContext(SparseVector input, SparseVector own, Map<Integer, Double> block, int offset) {
        assertArrayEquals(own.indices(), java.util.Arrays.copyOf(input.indices(), own.size()));
        assertArrayEquals(own.values(), java.util.Arrays.copyOf(input.values(), own.size()));
        assertEquals(block.size(), input.size() - own.size());
        for (int i = own.size(); i < input.size(); i++) {
            assertTrue(input.indices()[i] >= offset);
            assertEquals(block.get(input.indices()[i] - offset), input.values()[i], 1e-6);
            assertTrue(i == own.size() || input.indices()[i] > input.indices()[i - 1], "indices ascend");
        }
    }

    @Test
    void sentencesOfAnArticleShareTheNormalisedWeightedSumOfTheirVectors() {
        Featurizer f = fit(0.5);
        assertEquals(2 * f.baseDimension(), f.dimension());
        List<String> articles = List.of("a", "b", "a", "a");
        List<SparseVector> inputs = f.featurizeArticles(TEXTS, NO_TARGETS, articles);
        List<SparseVector> own = TEXTS.stream().map(t -> f.sentenceVector(t, "")).toList();
        Map<Integer, Double> a = expectedBlock(List.of(own.get(0), own.get(2), own.get(3)), 0.5);
        for (int i : new int[] {0, 2, 3}) {
            assertContext(inputs.get(i), own.get(i), a, f.baseDimension());
        }
        // A lone sentence is an article of one, whichever way it is featurized.
        assertContext(inputs.get(1), own.get(1), expectedBlock(List.of(own.get(1)), 0.5), f.baseDimension());
        SparseVector alone = f.featurize(TEXTS.get(1), "");
        assertArrayEquals(inputs.get(1).indices(), alone.indices());
        assertArrayEquals(inputs.get(1).values(), alone.values(), 1e-7f);
        ArticleContext.Sum one = new ArticleContext.Sum();
        one.add(own.get(1));
        SparseVector viaSum = ArticleContext.append(own.get(1), one.block(0.5), f.baseDimension());
        assertArrayEquals(viaSum.indices(), alone.indices());
        assertArrayEquals(viaSum.values(), alone.values(), 1e-7f);
    }

    @Test
    void streamingSumOverManyVectorsEqualsTheMapSum() {
        Random random = new Random(7);
        ArticleContext.Sum sum = new ArticleContext.Sum();
        List<SparseVector> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 200; r++) { // enough entries to grow the buffers several times
            int[] idx = random.ints(40, 0, 500).distinct().sorted().toArray();
            float[] val = new float[idx.length];
            for (int i = 0; i < val.length; i++) {
                val[i] = random.nextFloat() - 0.3f;
            }
            if (r % 50 == 25) { // now and then a vector whose indices do not ascend: appended, then sorted and merged
                for (int i = 0, k = idx.length - 1; i < k; i++, k--) {
                    int t = idx[i];
                    idx[i] = idx[k];
                    idx[k] = t;
                }
            }
            SparseVector v = new SparseVector(idx, val);
            rows.add(v);
            sum.add(v);
        }
        SparseVector block = sum.block(2.0);
        Map<Integer, Double> expected = expectedBlock(rows, 2.0);
        assertEquals(expected.size(), block.size());
        for (int i = 0; i < block.size(); i++) {
            assertEquals(expected.get(block.indices()[i]), block.values()[i], 1e-5);
        }
        assertEquals(0, new ArticleContext.Sum().block(1.0).size(), "an empty article has an empty block");
    }

    @Test
    void weightZeroLeavesTheSentenceVectorAlone() {
        Featurizer f = fit(0);
        assertEquals(f.baseDimension(), f.dimension());
        SparseVector v = f.featurizeArticles(TEXTS, NO_TARGETS, List.of("a", "a", "a", "a")).get(0);
        assertArrayEquals(f.sentenceVector(TEXTS.get(0), "").indices(), v.indices());
    }
}
