package org.stance.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.data.LabeledSentence;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/** The primitive, parallel document-frequency count must equal the plain boxed-map count it replaced. */
class DocumentFrequenciesTest {

    private static final ArabicNormalizer NORMALIZER = new ArabicNormalizer(NormalizerConfig.defaults());

    /** The reference: one set of hashes per sentence, counted in a HashMap, sorted by count then hash. */
    private static DocumentFrequencies.Kept reference(List<String> texts, NgramConfig config) {
        NgramExtractor extractor = new NgramExtractor(config);
        Map<Long, int[]> df = new HashMap<>();
        for (String text : texts) {
            Map<Long, Integer> seen = new HashMap<>();
            extractor.extract(Tokenizer.tokenize(NORMALIZER.normalize(text)), "", (g, h) -> seen.putIfAbsent(h, g));
            seen.forEach((h, g) -> df.computeIfAbsent(h, k -> new int[] {0, g})[0]++);
        }
        List<Map.Entry<Long, int[]>> kept = new ArrayList<>();
        df.entrySet().stream().filter(e -> e.getValue()[0] >= config.minDf()).forEach(kept::add);
        kept.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : Long.compare(a.getKey(), b.getKey()));
        int n = Math.min(kept.size(), config.maxFeatures());
        DocumentFrequencies.Kept out = new DocumentFrequencies.Kept(new long[n], new int[n], new int[n]);
        for (int i = 0; i < n; i++) {
            out.hashes()[i] = kept.get(i).getKey();
            out.counts()[i] = kept.get(i).getValue()[0];
            out.groups()[i] = kept.get(i).getValue()[1];
        }
        return out;
    }

    private static void assertSameAsReference(List<String> texts, NgramConfig config) {
        DocumentFrequencies.Kept expected = reference(texts, config);
        DocumentFrequencies.Kept actual = DocumentFrequencies.count(texts, Collections.nCopies(texts.size(), ""), NORMALIZER,
                new NgramExtractor(config)).mostFrequent(config.minDf(), config.maxFeatures());
        assertArrayEquals(expected.hashes(), actual.hashes());
        assertArrayEquals(expected.counts(), actual.counts());
        assertArrayEquals(expected.groups(), actual.groups());
    }

    @Test
    void countsEachNgramOncePerSentenceOnTheShippedTrainingSplit() {
        List<String> texts = TestData.split("train").stream().map(LabeledSentence::text).toList();
        assertSameAsReference(texts, new NgramConfig(2, 2, 5, true, 2, 1_000_000, false, false));
        assertSameAsReference(texts, new NgramConfig(1, 3, 4, false, 3, 5_000, false, false)); // a cap below the vocabulary
    }

    @Test
    void growsPastItsInitialTableAcrossManyChunks() {
        // 3,000 sentences of random letter strings: hundreds of thousands of distinct n-grams, 3 chunks
        Random random = new Random(3);
        List<String> texts = new ArrayList<>();
        Set<String> words = new HashSet<>();
        for (int s = 0; s < 3000; s++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                StringBuilder word = new StringBuilder();
                for (int c = 0; c < 3 + random.nextInt(5); c++) {
                    word.append((char) ('\u0628' + random.nextInt(20)));
                }
                words.add(word.toString());
                text.append(word).append(' ');
            }
            texts.add(text.toString());
        }
        assertTrue(words.size() > 30_000, "enough distinct words to grow the table: " + words.size());
        assertSameAsReference(texts, new NgramConfig(2, 2, 5, false, 1, 10_000_000, false, false));
    }
}
