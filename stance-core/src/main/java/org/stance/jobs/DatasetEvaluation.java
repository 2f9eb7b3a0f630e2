package org.stance.jobs;

import org.stance.eval.Evaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stance.data.LabeledSentence;
import org.stance.eval.Metrics;
import org.stance.model.Classifier;
import org.stance.model.Trainer;

/** Scores labeled sentences with a classifier and computes the metrics of every task they are labeled for. */
public final class DatasetEvaluation {

    private DatasetEvaluation() {
    }

    public static Map<String, Metrics> evaluate(Classifier classifier, List<LabeledSentence> rows) {
        Map<String, float[][]> probs = classifier.predict(rows.stream().map(LabeledSentence::text).toList(),
                rows.stream().map(LabeledSentence::target).toList());
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (String task : classifier.tasks()) {
            if (rows.stream().anyMatch(r -> !r.label(task).isEmpty())) {
                out.put(task, Evaluator.evaluate(task, classifier.labels().get(task), rows, probs.get(task)));
            }
        }
        return out;
    }
}
