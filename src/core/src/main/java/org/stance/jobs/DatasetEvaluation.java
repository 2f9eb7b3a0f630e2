package org.stance.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stance.data.Dataset;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.data.LabeledSentence;
import org.stance.eval.Evaluator;
import org.stance.eval.Metrics;
import org.stance.model.Classifier;

/** Scores labeled sentences with a classifier and computes the metrics of every task they are labeled for. */
public final class DatasetEvaluation {

    private DatasetEvaluation() {
    }

    /** Reads labeled data for a model: its labels must be among the model's (an unknown one is a line-numbered error). */
    public static Dataset read(Classifier classifier, Path file) {
        return new DatasetReader(DatasetSchema.open(Set.of()).withKnownLabels(classifier.labels())).read(file).requireReal("evaluation");
    }

    /** Task → metrics, over the tasks the rows are labeled for; each row is scored with its own target. */
    public static Map<String, Metrics> sentences(Classifier classifier, List<LabeledSentence> rows) {
        return sentences(classifier, rows, classifier.predictRows(rows));
    }

    /** The same from the rows' probabilities already computed ({@link Classifier#predictRows}). */
    public static Map<String, Metrics> sentences(Classifier classifier, List<LabeledSentence> rows, Map<String, float[][]> probs) {
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (String task : classifier.tasks()) {
            if (rows.stream().anyMatch(r -> !r.label(task).isEmpty())) {
                out.put(task, Evaluator.evaluate(task, classifier.labels().get(task), rows, probs.get(task)));
            }
        }
        return out;
    }
}
