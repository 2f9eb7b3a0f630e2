package org.stance.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.data.LabeledSentence;
import org.stance.features.SparseVector;

/** The converged solver: L-BFGS finds known minima, the logistic objective's gradient is right, and LBFGS training is complete and repeatable. */
class LogisticFitTest {

    @Test
    void lbfgsFindsTheMinimumOfAnIllConditionedQuadraticAndOfRosenbrock() {
        double[] scales = {1, 10, 100, 1000};
        double[] x = {5, -3, 2, 1};
        Lbfgs.Outcome q = Lbfgs.minimize((p, g) -> {
            double v = 0;
            for (int i = 0; i < p.length; i++) {
                v += 0.5 * scales[i] * (p[i] - i) * (p[i] - i);
                g[i] = scales[i] * (p[i] - i);
            }
            return v;
        }, x, 1e-9, 500, i -> { });
        assertTrue(q.converged());
        assertArrayEquals(new double[] {0, 1, 2, 3}, x, 1e-6); // float correction pairs limit the precision

        double[] r = {-1.2, 1};
        Lbfgs.Outcome rosen = Lbfgs.minimize((p, g) -> {
            double a = 1 - p[0];
            double b = p[1] - p[0] * p[0];
            g[0] = -2 * a - 400 * p[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, r, 1e-8, 1000, i -> { });
        assertTrue(rosen.converged(), "Rosenbrock: " + rosen);
        assertArrayEquals(new double[] {1, 1}, r, 1e-5);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random random = new Random(5);
        int features = 12;
        List<SparseVector> rows = new ArrayList<>();
        int[] labels = new int[40];
        for (int r = 0; r < labels.length; r++) {
            int a = random.nextInt(features / 2);
            int b = features / 2 + random.nextInt(features / 2);
            rows.add(new SparseVector(new int[] {a, b}, new float[] {random.nextFloat(), random.nextFloat()}));
            labels[r] = r % 7 == 0 ? -1 : random.nextInt(3);
        }
        LogisticFit fit = new LogisticFit(rows, labels, new double[] {0.5, 1, 2}, features, 0.01);
        double[] theta = new double[features * 3 + 3];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        double[] g = new double[theta.length];
        fit.evaluate(theta, g);
        double[] scratch = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + 1e-6;
            double up = fit.evaluate(theta, scratch);
            theta[i] = keep - 1e-6;
            double down = fit.evaluate(theta, scratch);
            theta[i] = keep;
            assertEquals((up - down) / 2e-6, g[i], 1e-6, "component " + i);
        }
    }

    /** Rows of one article ending with the same block: computing the block once per run of the article's rows changes nothing. */
    @Test
    void sharedArticleBlocksGiveTheSameObjectiveAndGradient() {
        Random random = new Random(9);
        int base = 30;
        int features = 2 * base;
        int articles = 6;
        List<SparseVector> blocks = new ArrayList<>();
        for (int a = 0; a < articles; a++) {
            java.util.TreeMap<Integer, Float> block = new java.util.TreeMap<>();
            for (int i = 0; a > 0 && i < 8; i++) { // article 0 has an empty block
                block.put(base + random.nextInt(base), random.nextFloat());
            }
            blocks.add(new SparseVector(block.keySet().stream().mapToInt(Integer::intValue).toArray(), toFloats(block.values())));
        }
        List<SparseVector> rows = new ArrayList<>();
        int[] article = new int[50];
        int[] labels = new int[article.length];
        for (int r = 0; r < article.length; r++) {
            article[r] = r < 40 ? r / 8 % articles : random.nextInt(articles); // runs of one article, then mixed
            java.util.TreeMap<Integer, Float> own = new java.util.TreeMap<>();
            for (int i = 0; i < 3; i++) {
                own.put(random.nextInt(base), random.nextFloat());
            }
            SparseVector block = blocks.get(article[r]);
            int[] idx = java.util.stream.IntStream.concat(own.keySet().stream().mapToInt(Integer::intValue), java.util.Arrays.stream(block.indices()))
                    .toArray();
            float[] val = new float[idx.length];
            System.arraycopy(toFloats(own.values()), 0, val, 0, own.size());
            System.arraycopy(block.values(), 0, val, own.size(), block.size());
            rows.add(new SparseVector(idx, val));
            labels[r] = r % 9 == 4 ? -1 : random.nextInt(3);
        }
        double[] weights = {0.5, 1, 2};
        LogisticFit plain = new LogisticFit(rows, labels, weights, features, 0.01);
        LogisticFit shared = new LogisticFit(rows, labels, weights, null, features, 0.01, article, base);
        double[] theta = new double[features * 3 + 3];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        assertEquals(plain.evaluate(theta, g1), shared.evaluate(theta, g2), 1e-12);
        assertArrayEquals(g1, g2, 1e-12);
    }

    private static float[] toFloats(java.util.Collection<Float> values) {
        float[] out = new float[values.size()];
        int i = 0;
        for (float v : values) {
            out[i++] = v;
        }
        return out;
    }

    @Test
    void lbfgsTrainingConvergesWithoutADevSetAndRepeatsExactly() {
        List<LabeledSentence> train = TestData.head("train", 400);
        TrainConfig config = TestData.quickConfig(List.of("stance", "topic")).toBuilder().optimizer(Optimizer.LBFGS).maxEpochs(300)
                .l2(1e-3).build();
        List<String> log = new ArrayList<>();
        TrainingResult first = new Trainer(config, log::add).train(train, List.of());
        TrainingResult second = new Trainer(config, s -> { }).train(train, List.of());
        assertTrue(log.stream().filter(l -> l.contains("converged after")).count() == 2, String.join("\n", log));
        assertArrayEquals(first.classifier().parameters(), second.classifier().parameters(), 0f);
        // a converged, lightly penalised fit reproduces most of its training labels
        List<SparseVector> rows = train.stream().map(r -> first.classifier().featurizer().featurize(r.text(), r.target())).toList();
        Map<String, float[][]> probs = first.classifier().predictVectors(rows);
        for (String task : config.tasks()) {
            List<String> labels = first.classifier().labels().get(task);
            int right = 0;
            int labeled = 0;
            for (int i = 0; i < train.size(); i++) {
                if (!train.get(i).label(task).isEmpty()) {
                    labeled++;
                    right += labels.get(argmax(probs.get(task)[i])).equals(train.get(i).label(task)) ? 1 : 0;
                }
            }
            assertTrue(right > 0.9 * labeled, task + ": " + right + " of " + labeled + " training sentences");
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }

    @Test
    void decisionOffsetsAreChosenOnRealRowsWhenSomeAreAuthored() {
        List<LabeledSentence> train = new ArrayList<>();
        List<String> articles = TestData.head("train", 600).stream().map(LabeledSentence::articleId).distinct().toList();
        for (LabeledSentence r : TestData.head("train", 600)) {
            train.add(articles.indexOf(r.articleId()) % 3 != 0 ? r
                    : new LabeledSentence(r.articleId(), r.sentenceId(), "authored:https://example.org/p", r.target(), r.stance(), r.topic(), r.text(), r.line()));
        }
        TrainConfig config = TestData.quickConfig(List.of("stance")).toBuilder().optimizer(Optimizer.LBFGS).maxEpochs(100).offsetFolds(3).build();
        List<String> log = new ArrayList<>();
        TrainingResult result = new Trainer(config, log::add).train(train, List.of());
        assertEquals(result.classifier().labels().get("stance").size(), result.decisionOffsets().get("stance").size());
        long real = train.stream().filter(r -> !r.authored()).count();
        long held = log.stream().filter(l -> l.startsWith("decision offsets: fold")).mapToLong(l -> Long.parseLong(l.replaceAll(".*\\((\\d+) held-out.*", "$1"))).sum();
        assertEquals(real, held, "only real rows are held out to choose the offsets: " + log);
    }

    @Test
    void decisionOffsetsAreChosenOnHeldOutFoldsAndAddedToTheBias() {
        List<LabeledSentence> train = TestData.head("train", 600);
        TrainConfig plain = TestData.quickConfig(List.of("stance")).toBuilder().optimizer(Optimizer.LBFGS).maxEpochs(100).build();
        TrainingResult without = new Trainer(plain, s -> { }).train(train, List.of());
        List<String> log = new ArrayList<>();
        TrainingResult with = new Trainer(plain.toBuilder().offsetFolds(3).build(), log::add).train(train, List.of());
        List<Double> offsets = with.decisionOffsets().get("stance");
        assertEquals(without.classifier().labels().get("stance").size(), offsets.size());
        assertEquals(0.0, offsets.get(0));
        assertEquals(3, log.stream().filter(l -> l.startsWith("decision offsets: fold")).count(), String.join("\n", log));
        // the weights are those of the plain fit; only the bias moved, by exactly the offsets
        float[] a = without.classifier().parameters();
        float[] b = with.classifier().parameters();
        int labels = offsets.size();
        for (int i = 0; i < a.length - labels; i++) {
            assertEquals(a[i], b[i], 0f, "weight " + i);
        }
        for (int c = 0; c < labels; c++) {
            assertEquals(a[a.length - labels + c] + offsets.get(c), b[b.length - labels + c], 1e-5, "bias " + c);
        }
    }

    /** The default ("auto") gives offsets to a task scored by F_avg only: favor/against labels, not the iraq-presence ones. */
    @Test
    void autoOffsetsOnlyForFavorAgainstLabels() {
        List<LabeledSentence> iraq = TestData.head("train", 600);
        List<LabeledSentence> favorAgainst = iraq.stream().map(r -> new LabeledSentence(r.articleId(), r.sentenceId(), r.source(), r.target(),
                switch (r.stance()) {
                    case "pro_withdrawal" -> "favor";
                    case "status_quo", "skeptical" -> "against";
                    default -> "none";
                }, r.topic(), r.text(), r.line())).toList();
        TrainConfig auto = TestData.quickConfig(List.of("stance")).toBuilder().optimizer(Optimizer.LBFGS).maxEpochs(100).build();
        assertEquals(TrainConfig.AUTO_OFFSET_FOLDS, auto.offsetFolds());
        List<String> log = new ArrayList<>();
        TrainingResult withFavg = new Trainer(auto, log::add).train(favorAgainst, List.of());
        assertEquals(List.of("stance"), List.copyOf(withFavg.decisionOffsets().keySet()));
        assertEquals(TrainConfig.AUTO_FOLDS, log.stream().filter(l -> l.startsWith("decision offsets: fold")).count(), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("decision offsets for stance (f-avg)")), String.join("\n", log));
        TrainingResult withMacro = new Trainer(auto, s -> { }).train(iraq, List.of());
        assertTrue(withMacro.decisionOffsets() == null || withMacro.decisionOffsets().isEmpty(), String.valueOf(withMacro.decisionOffsets()));
        assertEquals(0, auto.toBuilder().offsetFolds(0).build().offsetFolds(withFavg.classifier().labels()));
        // too few articles for auto's folds: trained without offsets, said in the log (given folds would fail instead)
        List<LabeledSentence> twoArticles = favorAgainst.stream()
                .filter(r -> r.articleId().equals(favorAgainst.get(0).articleId()) || r.articleId().equals(favorAgainst.get(favorAgainst.size() - 1).articleId()))
                .toList();
        List<String> smallLog = new ArrayList<>();
        TrainingResult small = new Trainer(auto, smallLog::add).train(twoArticles, List.of());
        assertTrue(small.decisionOffsets() == null || small.decisionOffsets().isEmpty());
        assertTrue(smallLog.stream().anyMatch(l -> l.startsWith("decision offsets: none (auto needs 3 training articles, there are 2)")),
                String.join("\n", smallLog));
    }
}
