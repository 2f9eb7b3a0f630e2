package org.stance.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.data.LabeledSentence;
import org.stance.embed.WordEmbeddings;
import org.stance.features.PooledWordShares;
import org.stance.features.SparseVector;
import org.stance.features.NgramConfig;
import org.stance.text.ArabicNormalizer;
import org.stance.text.Tokenizer;

/** Explanations add up to the logits the model scores with, and name what the sentence holds. */
class ExplanationTest {

    private static void check(TrainConfig config) {
        Classifier c = new Trainer(config, s -> { }).train(TestData.head("train", 400), TestData.head("dev", 100)).classifier();
        ArabicNormalizer normalizer = new ArabicNormalizer(config.normalizer());
        Pattern quoted = Pattern.compile("^(?:\\[[^]]*\\] )?(?:words?|stem) (.+?)(?: \\(of (.+)\\))?$|^(?:\\[[^]]*\\] )?chars '.*' of (.+)$");
        for (LabeledSentence r : TestData.head("test", 40)) {
            List<String> tokens = Tokenizer.tokenize(normalizer.normalize(r.text()));
            for (String task : c.tasks()) {
                float[] logits = c.logits(r.text(), r.target(), task);
                float[] probs = c.predict(List.of(r.text()), List.of(r.target())).get(task)[0];
                List<String> labels = c.labels().get(task);
                double max = Double.NEGATIVE_INFINITY;
                double[] explained = new double[labels.size()];
                for (int l = 0; l < labels.size(); l++) {
                    Classifier.Attribution a = c.explain(r.text(), r.target(), task, labels.get(l), 5);
                    double parts = a.bias() + a.top().stream().mapToDouble(Classifier.Contribution::value).sum() + a.others();
                    assertEquals(a.logit(), parts, 1e-9, "bias + top + others = logit");
                    assertEquals(logits[l], a.logit(), 1e-4, "the logit the model scores with");
                    explained[l] = a.logit();
                    max = Math.max(max, a.logit());
                    for (Classifier.Contribution x : a.top()) {
                        Matcher m = quoted.matcher(x.feature());
                        if (m.matches()) {
                            String words = m.group(3) != null ? m.group(3) : m.group(2) != null ? m.group(2) : m.group(1);
                            for (String w : words.split(" ")) {
                                assertTrue(tokens.contains(w) || m.group(1) != null && x.feature().startsWith("stem"),
                                        "'" + w + "' of " + x.feature() + " is in the sentence " + tokens);
                            }
                        }
                    }
                }
                double sum = 0;
                for (double e : explained) {
                    sum += Math.exp(e - max);
                }
                for (int l = 0; l < labels.size(); l++) {
                    assertEquals(probs[l], Math.exp(explained[l] - max) / sum, 1e-5, "softmax of the explained logits = the probabilities");
                }
            }
        }
    }

    @Test
    void linearHeadsAreExplainedExactly() {
        check(TestData.quickConfig(List.of("stance", "topic")));
    }

    @Test
    void aHiddenLayerIsExplainedExactlyForItsInput() {
        check(TestData.quickConfig(List.of("stance")).toBuilder().ngrams(new NgramConfig(1, 2, 3, false, 2, 5000, false, false)).hidden(8)
                .optimizer(Optimizer.ADAM).learningRate(0.005).maxEpochs(2).build());
    }

    @Test
    void targetFeaturesAreNamed() {
        TrainConfig config = TestData.quickConfig(List.of("stance")).toBuilder().ngrams(new NgramConfig(2, 2, 4, true, 2, 20_000, true, true)).build();
        Classifier c = new Trainer(config, s -> { }).train(TestData.head("train", 400), TestData.head("dev", 100)).classifier();
        LabeledSentence r = TestData.head("test", 1).get(0);
        Map<Integer, String> names = c.featurizer().describe(r.text(), r.target());
        assertTrue(names.values().stream().anyMatch(n -> n.equals("target " + r.target())), names.values().toString());
        assertTrue(names.values().stream().anyMatch(n -> n.startsWith("[" + r.target() + "] ")), "target-crossed copies are named");
    }

    /** Sum of the attribution's contributions over the inputs {@code which} selects. */
    private static double part(Predictor.Attribution a, java.util.function.IntPredicate which) {
        double sum = 0;
        for (int i = 0; i < a.indices().length; i++) {
            if (which.test(a.indices()[i])) {
                sum += a.contributions()[i];
            }
        }
        return sum;
    }

    @Test
    void thePooledShareSplitsExactlyIntoItsWordsAndTheArticleShareIntoItsSentences() {
        WordEmbeddings vectors = org.stance.artifact.EmbeddingsCodec.load(TestData.REPO.resolve("models/iraq-presence.zip"));
        TrainConfig config = TestData.quickConfig(List.of("stance")).toBuilder()
                .embeddings(new EmbeddingFeatures(TestData.REPO.resolve("models/iraq-presence.zip"), org.stance.embed.Pooling.SIF, 2000)).build();
        Classifier c = new Trainer(config, vectors, s -> { }).train(TestData.head("train", 400), TestData.head("dev", 100)).classifier();
        org.stance.features.Featurizer f = c.featurizer();
        assertTrue(PooledWordShares.splittable(f) && f.articleContext() > 0);
        Predictor predictor = Predictor.of(c.network(), c.tasks());
        List<LabeledSentence> article = TestData.head("test", 15);
        List<String> texts = article.stream().map(LabeledSentence::text).toList();
        List<String> targets = article.stream().map(LabeledSentence::target).toList();
        Classifier.ArticleInputs inputs = c.articleInputs(texts, targets, false, true);
        for (int s = 0; s < texts.size(); s++) {
            String text = texts.get(s);
            for (int label = 0; label < c.labels().get("stance").size(); label++) {
                SparseVector alone = f.featurize(text, targets.get(s));
                Predictor.Attribution a = predictor.attribute(alone, 0, label);
                int first = PooledWordShares.firstIndex(f);
                double[] g = new double[f.baseDimension() - first];
                for (int i = 0; i < a.indices().length; i++) {
                    if (f.isPooledVector(a.indices()[i])) {
                        g[a.indices()[i] - first] = a.weights()[i];
                    }
                }
                double words = PooledWordShares.split(f, text, g).values().stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(part(a, f::isPooledVector), words, 1e-4, "the words' shares add up to the pooled block's");
                assertTrue(PooledWordShares.split(f, text, g).keySet().stream().allMatch(
                        w -> Tokenizer.tokenize(new ArabicNormalizer(config.normalizer()).normalize(text)).contains(w)), "shares go to the sentence's words");

                SparseVector inArticle = f.inArticle(f.sentenceVector(text, targets.get(s)), inputs.context());
                Predictor.Attribution b = predictor.attribute(inArticle, 0, label);
                Classifier.Attribution named = c.explain(text, targets.get(s), inputs, "stance", c.labels().get("stance").get(label), 1000);
                double sentences = named.top().stream().filter(x -> x.feature().startsWith("sentence ")).mapToDouble(Classifier.Contribution::value).sum();
                assertEquals(part(b, f::isArticleContext), sentences, 1e-4, "the sentences' shares add up to the article context's");
                assertEquals(texts.size(), named.top().stream().filter(x -> x.feature().startsWith("sentence ")).count());
                assertTrue(named.top().stream().noneMatch(x -> x.feature().contains("pooled") || x.feature().equals("article context")));
                assertEquals(b.logit(), named.bias() + named.top().stream().mapToDouble(Classifier.Contribution::value).sum() + named.others(), 1e-9);
                assertEquals(0, named.others(), 1e-4, "with every feature shown nothing is left (up to float rounding)");
            }
        }
    }

    @Test
    void partsOfAWordAreNamedByTheirWord() {
        assertEquals("word الانسحاب", NamedShares.byWord("chars 'نسح' of الانسحاب"));
        assertEquals("word الانسحاب", NamedShares.byWord("stem انسحاب (of الانسحاب)"));
        assertEquals("[iraq] word القوات", NamedShares.byWord("[iraq] chars 'قوا' of القوات"));
        assertEquals("words القوات الامريكيه", NamedShares.byWord("words القوات الامريكيه"));
        assertEquals("target iraq", NamedShares.byWord("target iraq"));
    }
}
