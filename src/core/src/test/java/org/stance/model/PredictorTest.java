package org.stance.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.stance.TestData;
import org.stance.artifact.EmbeddingsCodec;
import org.stance.data.LabeledSentence;
import org.stance.embed.Pooling;
import org.stance.embed.WordEmbeddings;
import org.stance.features.NgramConfig;
import org.stance.features.SparseVector;

/**
 * The plain-Java inference ({@link Predictor}) must give what DL4J's own forward pass gives on the
 * dense input, for every kind of model the trainer writes, and a classifier restored from its
 * parameters must predict exactly what the trained one does.
 */
class PredictorTest {

    private static void check(TrainConfig config, WordEmbeddings vectors) {
        List<LabeledSentence> train = TestData.head("train", 400);
        List<LabeledSentence> dev = TestData.head("dev", 100);
        Classifier c = new Trainer(config, vectors, s -> { }).train(train, dev).classifier();
        List<SparseVector> rows = new ArrayList<>();
        for (LabeledSentence r : TestData.head("test", 80)) {
            rows.add(c.featurizer().featurize(r.text(), r.target()));
        }
        rows.add(c.featurizer().featurize("كلمة", ""));
        List<LabeledSentence> articles = TestData.head("test", 80); // in their articles: the article context block, when the model has one
        rows.addAll(c.featurizer().featurizeArticles(articles.stream().map(LabeledSentence::text).toList(),
                articles.stream().map(LabeledSentence::target).toList(), articles.stream().map(LabeledSentence::groupKey).toList()));
        INDArray[] dense = c.denseOutput(rows);
        Map<String, float[][]> plain = c.predictVectors(rows);
        // Sentences scored alone through predict(): their projection, with article context its block folded in
        List<String> aloneTexts = new ArrayList<>(TestData.head("test", 80).stream().map(LabeledSentence::text).toList());
        List<String> aloneTargets = new ArrayList<>(TestData.head("test", 80).stream().map(LabeledSentence::target).toList());
        aloneTexts.add("كلمة");
        aloneTargets.add("");
        Map<String, float[][]> alone = c.predict(aloneTexts, aloneTargets);
        // The same article rows through predictRows: each article's context block's share computed once
        Map<String, float[][]> inArticles = c.predictRows(articles);
        int articleRowsFrom = rows.size() - articles.size();
        // The same article rows as scoring reads them: projected, their own shares kept or projected again
        Map<String, float[][]> projectedKept = new java.util.HashMap<>();
        Map<String, float[][]> projectedAgain = new java.util.HashMap<>();
        c.tasks().forEach(task -> {
            projectedKept.put(task, new float[articles.size()][]);
            projectedAgain.put(task, new float[articles.size()][]);
        });
        for (List<Integer> article : org.stance.data.GroupSplitter.positionsByGroup(articles.stream().map(LabeledSentence::groupKey).toList()).values()) {
            List<String> texts = article.stream().map(i -> articles.get(i).text()).toList();
            List<String> targets = article.stream().map(i -> articles.get(i).target()).toList();
            Classifier.ArticleInputs kept = c.articleInputs(texts, targets, true, false);
            Map<String, float[][]> fromKept = kept == null ? c.predict(texts, targets) : c.predict(kept, 0, texts.size());
            Map<String, float[][]> fromAgain = c.predict(texts, targets, c.articleInputs(texts, targets, false, false));
            for (int k = 0; k < article.size(); k++) {
                for (String task : c.tasks()) {
                    projectedKept.get(task)[article.get(k)] = fromKept.get(task)[k];
                    projectedAgain.get(task)[article.get(k)] = fromAgain.get(task)[k];
                }
            }
        }
        Classifier restored = Classifier.restore(c.featurizer(), config.toBuilder().tasks(c.tasks()).build(), c.labels(), c.parameters());
        Map<String, float[][]> again = restored.predictVectors(rows);
        for (int t = 0; t < c.tasks().size(); t++) {
            float[][] expected = dense[t].toFloatMatrix();
            String task = c.tasks().get(t);
            for (int i = 0; i < rows.size(); i++) {
                assertArrayEquals(expected[i], plain.get(task)[i], 1e-5f, task + " row " + i + " against DL4J");
                assertArrayEquals(plain.get(task)[i], again.get(task)[i], 0f, task + " row " + i + " after restore");
                if (i >= articleRowsFrom) {
                    assertArrayEquals(expected[i], inArticles.get(task)[i - articleRowsFrom], 1e-5f, task + " row " + i + " in its article");
                    assertArrayEquals(expected[i], projectedKept.get(task)[i - articleRowsFrom], 1e-5f, task + " row " + i + " projected in its article");
                    assertArrayEquals(projectedKept.get(task)[i - articleRowsFrom], projectedAgain.get(task)[i - articleRowsFrom], 0f,
                            task + " row " + i + " projected again");
                }
                if (i < aloneTexts.size()) {
                    assertArrayEquals(expected[i], alone.get(task)[i], 1e-5f, task + " row " + i + " scored alone, against DL4J");
                }
            }
        }
        assertEquals(c.parameters().length, Classifier.parameterCount(config, c.featurizer().dimension(),
                c.tasks().stream().map(t -> c.labels().get(t).size()).toList()));
    }

    @Test
    void linearHeads() {
        check(TestData.quickConfig(List.of("stance", "topic")), null);
        check(TestData.quickConfig(List.of("stance", "topic")).toBuilder().optimizer(Optimizer.LBFGS).maxEpochs(50).build(), null);
    }

    @Test
    void hiddenLayer() {
        TrainConfig quick = TestData.quickConfig(List.of("stance", "topic"));
        check(quick.toBuilder().ngrams(new NgramConfig(1, 2, 3, false, 2, 5000, false, false)).hidden(16).inputDropout(0.2)
                .optimizer(Optimizer.ADAM).learningRate(0.005).maxEpochs(2).seed(3L).build(), null);
    }

    @Test
    void targetInputAndTargetCross() {
        TrainConfig quick = TestData.quickConfig(List.of("stance"));
        check(quick.toBuilder().ngrams(new NgramConfig(2, 2, 4, true, 2, 20_000, true, false)).build(), null);
        check(quick.toBuilder().ngrams(new NgramConfig(2, 2, 4, true, 2, 20_000, true, true)).build(), null);
    }

    @Test
    void pooledWordVectors() {
        WordEmbeddings vectors = EmbeddingsCodec.load(TestData.REPO.resolve("models/iraq-presence.zip"));
        TrainConfig quick = TestData.quickConfig(List.of("stance", "topic"));
        check(quick.toBuilder().embeddings(new EmbeddingFeatures(TestData.REPO.resolve("models/iraq-presence.zip"), Pooling.SIF, 2000)).build(),
                vectors);
        check(quick.toBuilder().hidden(8).optimizer(Optimizer.ADAM).learningRate(0.005)
                .embeddings(new EmbeddingFeatures(TestData.REPO.resolve("models/iraq-presence.zip"), Pooling.MEAN_MAX, 2000)).build(), vectors);
    }
}
