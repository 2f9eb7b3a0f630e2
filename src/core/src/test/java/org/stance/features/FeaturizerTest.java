package org.stance.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stance.text.NormalizerConfig;

class FeaturizerTest {

    private static final List<String> TEXTS = List.of(
            "طالب البرلمان بانسحاب القوات الأجنبية من العراق.",
            "القوات الأمريكية باقية في العراق لمهمة التدريب.",
            "واشنطن تماطل في سحب قواتها من العراق.");
    private static final List<String> NO_TARGETS = List.of("", "", "");

    private static Featurizer fit(NgramConfig config, List<String> targets) {
        return Featurizer.fit(TEXTS, targets, NormalizerConfig.defaults(), config);
    }

    @Test
    void keepsOnlyNgramsAboveMinDf() {
        Featurizer f = fit(new NgramConfig(1, 0, 0, false, 2, 1000, false, false), NO_TARGETS);
        // Words in at least two of the three sentences: القوات (1,2), العراق (1,2,3), من (1,3), في (2,3).
        assertEquals(4, f.dimension());
    }

    @Test
    void eachFeatureGroupIsUnitLength() {
        Featurizer f = fit(NgramConfig.DEFAULTS, NO_TARGETS);
        SparseVector v = f.sentenceVector(TEXTS.get(0), "");
        double sum = 0;
        for (float x : v.values()) {
            sum += x * x;
        }
        // Two groups (words, characters), each L2-normalised: squared norm 2.
        assertEquals(2.0, sum, 1e-4);
        for (int i = 1; i < v.size(); i++) {
            assertTrue(v.indices()[i] > v.indices()[i - 1]);
        }
    }

    @Test
    void featurizingManyInParallelGivesTheSameVectorsInOrder() {
        Featurizer f = fit(NgramConfig.DEFAULTS, NO_TARGETS);
        List<String> eachAlone = java.util.stream.IntStream.range(0, TEXTS.size()).mapToObj(i -> "article-" + i).toList();
        List<SparseVector> all = f.featurizeArticles(TEXTS, NO_TARGETS, eachAlone);
        for (int i = 0; i < TEXTS.size(); i++) {
            SparseVector one = f.featurize(TEXTS.get(i), "");
            assertArrayEquals(one.indices(), all.get(i).indices());
            assertArrayEquals(one.values(), all.get(i).values());
        }
    }

    /** The per-token cache of featurize() gives exactly what counting every n-gram through extract() gives. */
    @Test
    void tokenCacheGivesTheVectorsOfTheFullWalk() {
        List<String> targets = List.of("iraq", "iraq", "syria");
        List<String> sentences = List.of(TEXTS.get(0), TEXTS.get(1), TEXTS.get(2), "العراق العراق القوات القوات القوات من العراق",
                "قوات واشنطن باقية، وطالب البرلمان بانسحابها من العراق 2024.");
        for (NgramConfig config : List.of(NgramConfig.DEFAULTS, new NgramConfig(3, 1, 6, true, 1, 100_000, false, false),
                new NgramConfig(2, 2, 5, true, 1, 100_000, true, false), new NgramConfig(2, 2, 5, true, 1, 100_000, true, true))) {
            Featurizer f = fit(config, config.useTarget() ? targets : NO_TARGETS);
            for (int round = 0; round < 2; round++) { // the first round fills the cache, the second reads it
                for (String sentence : sentences) {
                    for (String target : config.useTarget() ? List.of("iraq", "syria") : List.of("")) {
                        SparseVector cached = f.featurize(sentence, target);
                        SparseVector reference = f.featurizeUncached(sentence, target);
                        assertArrayEquals(reference.indices(), cached.indices(), config + " " + sentence);
                        assertArrayEquals(reference.values(), cached.values(), config + " " + sentence);
                    }
                }
            }
        }
    }

    @Test
    void unknownTextGivesAnEmptyVector() {
        Featurizer f = fit(new NgramConfig(1, 0, 0, false, 2, 1000, false, false), NO_TARGETS);
        assertEquals(0, f.featurize("كلمات غير معروفة", "").size());
    }

    @Test
    void maxFeaturesKeepsTheMostFrequent() {
        Featurizer f = fit(new NgramConfig(1, 0, 0, false, 1, 2, false, false), NO_TARGETS);
        assertEquals(2, f.dimension());
        // العراق (in all three) and one of the words in two sentences (ties broken by hash).
        assertEquals(2, f.featurize("القوات في العراق من", "").size());
        assertEquals(1, f.featurize("العراق", "").size());
    }

    @Test
    void targetCrossingAddsTargetSpecificFeatures() {
        List<String> targets = List.of("iraq", "iraq", "syria");
        Featurizer plain = fit(new NgramConfig(1, 0, 0, false, 2, 1000, false, false), targets);
        Featurizer crossed = fit(new NgramConfig(1, 0, 0, false, 2, 1000, true, true), targets);
        assertTrue(crossed.dimension() > plain.dimension());
    }

    @Test
    void vocabularyRoundTrips() {
        Featurizer f = fit(NgramConfig.DEFAULTS, NO_TARGETS);
        Featurizer back = Featurizer.of(NormalizerConfig.defaults(), NgramConfig.DEFAULTS, f.vocabulary(), null, null);
        assertEquals(f, back);
        SparseVector a = f.featurize(TEXTS.get(1), "");
        SparseVector b = back.featurize(TEXTS.get(1), "");
        assertTrue(java.util.Arrays.equals(a.indices(), b.indices()) && java.util.Arrays.equals(a.values(), b.values()));
    }
}
