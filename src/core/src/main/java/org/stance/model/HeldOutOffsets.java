package org.stance.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stance.data.GroupSplitter;
import org.stance.data.LabeledSentence;
import org.stance.eval.DecisionOffsets;
import org.stance.embed.WordEmbeddings;

/**
 * Chooses a model's decision offsets ({@link DecisionOffsets}) on predictions it never trained
 * on: the training rows are split into article-grouped folds, each fold is predicted by a model
 * trained (same settings, no offsets) on the others, and the offsets that maximise the metric
 * on those pooled held-out predictions are kept. The dev set only chooses epochs, as in training.
 */
final class HeldOutOffsets {

    private HeldOutOffsets() {
    }

    /** Task → one offset per label, in {@code labels}' order, for the tasks {@link TrainConfig#offsetsFor} gives offsets; {@code k} folds. */
    static Map<String, double[]> choose(TrainConfig config, int k, WordEmbeddings vectors, List<LabeledSentence> train, List<LabeledSentence> dev,
                                        Map<String, List<String>> labels, Consumer<String> progress) {
        TrainConfig inner = config.toBuilder().offsetFolds(0).build();
        int[] fold = GroupSplitter.folds(train, config.tasks().get(0), k, config.seed() + 1);
        Map<String, float[][]> heldOut = new LinkedHashMap<>();
        config.tasks().forEach(t -> heldOut.put(t, new float[train.size()][]));
        for (int f = 0; f < k; f++) {
            List<LabeledSentence> part = GroupSplitter.select(train, fold, f, false);
            List<LabeledSentence> held = GroupSplitter.select(train, fold, f, true);
            progress.accept(String.format("decision offsets: fold %d/%d (%d held-out sentences)", f + 1, k, held.size()));
            Classifier model = new Trainer(inner, vectors, s -> { }).train(part, dev).classifier();
            Map<String, float[][]> probs = model.predictRows(held);
            for (String task : config.tasks()) {
                int j = 0;
                for (int i = 0; i < train.size(); i++) {
                    if (fold[i] == f) {
                        heldOut.get(task)[i] = Classifier.align(probs.get(task)[j++], model.labels().get(task), labels.get(task));
                    }
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String task : config.tasks()) {
            List<String> taskLabels = labels.get(task);
            if (!config.offsetsFor(taskLabels)) {
                continue;
            }
            List<Integer> gold = new ArrayList<>();
            List<float[]> probs = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                String label = train.get(i).label(task);
                if (!label.isEmpty() && fold[i] != GroupSplitter.ALWAYS_TRAIN) { // authored rows are never held out, so never tune
                    gold.add(taskLabels.indexOf(label));
                    probs.add(heldOut.get(task)[i]);
                    targets.add(train.get(i).target());
                }
            }
            double[] offsets = DecisionOffsets.tune(taskLabels, gold.stream().mapToInt(Integer::intValue).toArray(),
                    probs.toArray(float[][]::new), targets, config.metric().resolve(taskLabels));
            progress.accept(String.format("decision offsets for %s (%s): %s", task, config.metric().resolve(taskLabels).cliName(),
                    format(taskLabels, offsets)));
            out.put(task, offsets);
        }
        return out;
    }

    private static String format(List<String> labels, double[] offsets) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < offsets.length; c++) {
            s.append(c == 0 ? "" : ", ").append(labels.get(c)).append(String.format(" %+.2f", offsets[c]));
        }
        return s.toString();
    }
}
