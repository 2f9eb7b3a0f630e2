package org.stance.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stance.data.LabeledSentence;
import org.stance.eval.Evaluator;
import org.stance.eval.Metrics;
import org.stance.UserError;
import org.stance.api.ArticleAggregator;
import org.stance.api.LabelScores;
import org.stance.api.SentenceScore;
import org.stance.data.Columns;
import org.stance.model.Classifier;

/**
 * Validates the article verdict against article-level judgements derived from the sentence
 * labels: an article's gold stance is the position most of its positioned sentences take
 * (ties: the position whose sentences come first), or neutral when no sentence takes one. The
 * verdict is the {@link ArticleAggregator} over the model's sentence probabilities.
 */
public final class ArticleEvaluation {

    private ArticleEvaluation() {
    }

    /**
     * Article verdicts over the classifier's sentence probabilities, each sentence scored with its
     * own target, against each article's majority sentence position.
     */
    public static Metrics evaluate(Classifier classifier, List<LabeledSentence> rows, ArticleAggregator aggregator) {
        List<String> labels = classifier.labels().get(Columns.STANCE);
        if (labels == null) {
            throw new UserError("the model has no stance head: no article verdict to evaluate");
        }
        Map<String, List<LabeledSentence>> articles = new LinkedHashMap<>();
        rows.forEach(r -> articles.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r));
        List<Integer> gold = new ArrayList<>();
        List<float[]> predicted = new ArrayList<>();
        for (List<LabeledSentence> sentences : articles.values()) {
            String truth = goldStance(sentences, aggregator);
            if (truth == null || !labels.contains(truth)) {
                continue;
            }
            float[][] probs = classifier.predictRows(sentences).get(Columns.STANCE);
            ArticleAggregator.Accumulator acc = aggregator.start(labels);
            for (int i = 0; i < sentences.size(); i++) {
                acc.add(new SentenceScore(i + 1, sentences.get(i).text(), LabelScores.of(labels, probs[i]), null, false, null));
            }
            LabelScores verdict = acc.verdict("", "").stance();
            float[] p = new float[labels.size()];
            for (int i = 0; i < labels.size(); i++) {
                p[i] = verdict.probabilities().getOrDefault(labels.get(i), 0.0).floatValue();
            }
            gold.add(labels.indexOf(truth));
            predicted.add(p);
        }
        return Evaluator.evaluate("article stance", labels, gold.stream().mapToInt(Integer::intValue).toArray(),
                predicted.toArray(float[][]::new), java.util.Collections.nCopies(gold.size(), ""));
    }

    /** Majority position of the article's sentences, or neutral; null when no sentence has a stance label. */
    static String goldStance(List<LabeledSentence> sentences, ArticleAggregator aggregator) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Integer> first = new TreeMap<>();
        boolean any = false;
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i).stance();
            any |= !s.isEmpty();
            if (!s.isEmpty() && !aggregator.isNoPosition(s)) {
                counts.merge(s, 1, Integer::sum);
                first.putIfAbsent(s, i);
            }
        }
        if (!any) {
            return null;
        }
        return counts.entrySet().stream()
                .max((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(first.get(b.getKey()), first.get(a.getKey()))
                        : Integer.compare(a.getValue(), b.getValue()))
                .map(Map.Entry::getKey).orElse(sentences.stream().map(LabeledSentence::stance).filter(aggregator::isNoPosition).findFirst()
                        .orElse("neutral"));
    }
}
