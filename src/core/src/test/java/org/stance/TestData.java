package org.stance;

import org.stance.curation.IraqPresence;
import java.nio.file.Path;
import java.util.List;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.data.LabeledSentence;
import org.stance.features.NgramConfig;
import org.stance.model.TrainConfig;

/** Small real data for tests: the shipped iraq-presence dataset, and a quick training configuration. */
public final class TestData {

    public static final Path REPO = Path.of(System.getProperty("stance.repo", "."));
    public static final Path DATASET = REPO.resolve("datasets/iraq-presence");
    public static final Path SEEDS = REPO.resolve("seeds");

    private TestData() {
    }

    public static List<LabeledSentence> split(String name) {
        return new DatasetReader(IraqPresence.schema()).read(DATASET.resolve(name + ".csv")).rows();
    }

    /** The first {@code n} rows of a split, whole articles only. */
    public static List<LabeledSentence> head(String name, int n) {
        List<LabeledSentence> rows = split(name);
        int end = Math.min(n, rows.size());
        while (end < rows.size() && rows.get(end).articleId().equals(rows.get(end - 1).articleId())) {
            end++;
        }
        return rows.subList(0, end);
    }

    /** A configuration that trains in seconds (with the article context block, as the defaults). */
    public static TrainConfig quickConfig(List<String> tasks) {
        return TrainConfig.builder().tasks(tasks).ngrams(new NgramConfig(2, 2, 4, true, 2, 20_000, false, false, 1.0)).maxEpochs(3).patience(2)
                .optimizer(org.stance.model.Optimizer.ADAGRAD).l2(1e-4).seed(7L).build(); // quick mini-batch training; LBFGS has its own tests
    }
}
