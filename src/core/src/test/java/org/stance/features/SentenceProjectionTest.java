package org.stance.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.artifact.EmbeddingsCodec;
import org.stance.data.LabeledSentence;
import org.stance.embed.Pooling;
import org.stance.embed.WordEmbeddings;
import org.stance.text.NormalizerConfig;

/**
 * A sentence's projection must equal its own block times the matrix, x·M, computed from the
 * sparse vector {@link Featurizer#sentenceVector} builds, for every feature configuration: from the
 * per-token cache (second call) as from a cold one, with repeated n-grams, targets, target-crossed
 * features and every pooling of word vectors.
 */
class SentenceProjectionTest {

    private static final List<LabeledSentence> TRAIN = TestData.head("train", 300);
    private static final WordEmbeddings VECTORS = EmbeddingsCodec.load(TestData.REPO.resolve("models/iraq-presence.zip"));

    private static void check(NgramConfig config, WordEmbeddings vectors, Pooling pooling, List<String> targets) {
        List<String> texts = TRAIN.stream().map(LabeledSentence::text).toList();
        List<String> trainTargets = TRAIN.stream().map(r -> targets.get(0)).toList();
        Featurizer f = Featurizer.fit(texts, trainTargets, NormalizerConfig.defaults(), config, vectors, pooling);
        int columns = 7;
        int second = f.baseDimension() + 3; // M's row i: matrix rows i and second + i side by side
        int width = 2 * columns;
        float[] matrix = new float[(second + f.baseDimension()) * columns];
        Random random = new Random(5);
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian();
        }
        SentenceProjection projection = f.projection(matrix, columns, 0, second);
        List<String> sentences = new ArrayList<>(TestData.head("test", 60).stream().map(LabeledSentence::text).toList());
        sentences.add("القوات القوات القوات في العراق والعراق، العراق!"); // the same words and n-grams many times
        sentences.add("xyz qqq"); // nothing known
        sentences.add("");
        double[] out = new double[width];
        for (int pass = 0; pass < 2; pass++) { // the second pass reads every token from the cache
            for (int s = 0; s < sentences.size(); s++) {
                String target = targets.get(s % targets.size());
                SparseVector x = f.sentenceVector(sentences.get(s), target);
                double[] expected = new double[width];
                double squared = 0;
                for (int i = 0; i < x.size(); i++) {
                    squared += (double) x.values()[i] * x.values()[i];
                    for (int c = 0; c < columns; c++) {
                        expected[c] += (double) x.values()[i] * matrix[x.indices()[i] * columns + c];
                        expected[columns + c] += (double) x.values()[i] * matrix[(second + x.indices()[i]) * columns + c];
                    }
                }
                int groups = projection.project(sentences.get(s), target, out);
                String what = config + " " + pooling + " pass " + pass + " sentence " + s;
                assertEquals(squared, groups, 1e-4, what + ": the groups are the squared norm");
                for (int c = 0; c < width; c++) {
                    assertEquals(expected[c], out[c], 1e-4 * (1 + Math.abs(expected[c])), what + " column " + c);
                }
            }
        }
    }

    @Test
    void ngramsAlone() {
        check(NgramConfig.DEFAULTS, null, null, List.of(""));
        check(new NgramConfig(3, 0, 0, true, 1, 50_000, false, false), null, null, List.of(""));
    }

    @Test
    void targetsAndTargetCrossedFeatures() {
        check(new NgramConfig(2, 2, 4, true, 2, 20_000, true, false), null, null, List.of("iraq", "syria", ""));
        check(new NgramConfig(2, 2, 4, true, 2, 20_000, true, true), null, null, List.of("iraq", "syria", ""));
    }

    @Test
    void pooledWordVectors() {
        for (Pooling pooling : Pooling.values()) {
            check(NgramConfig.DEFAULTS, VECTORS, pooling, List.of(""));
        }
    }
}
