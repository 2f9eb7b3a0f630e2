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
}
