package org.stance.jobs;

import org.stance.jobs.DatasetEvaluation;
import org.stance.jobs.TrainRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.stance.UserError;
import org.stance.artifact.DataProvenance;
import org.stance.artifact.Hyperparameters;
import org.stance.artifact.Manifest;
import org.stance.artifact.ModelArtifact;
import org.stance.data.Columns;
import org.stance.data.Dataset;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.data.GroupSplitter;
import org.stance.data.LabeledSentence;
import org.stance.eval.Metrics;
import org.stance.model.Classifier;
import org.stance.model.TrainConfig;
import org.stance.model.Trainer;
import org.stance.model.TrainingResult;

/**
 * Train → evaluate → save, the whole of {@code stance train}: reads and checks every input file
 * and the output path before the first epoch, trains, evaluates on dev (and test when given),
 * and writes one artifact whose manifest records settings, data hashes and figures.
 */
public final class TrainingJob {

    /** Share of the training articles held out for early stopping when no dev file is given. */
    static final int HOLDOUT_FOLDS = 10;

    private final Consumer<String> progress;

    public TrainingJob(Consumer<String> progress) {
        this.progress = progress;
    }

    public record Outcome(Manifest manifest, Classifier classifier) {
    }

    public Outcome run(TrainRequest request) {
        ModelArtifact.checkWritable(request.output());
        TrainConfig config = request.config();
        DatasetReader reader = new DatasetReader(schema(request.closedLabels(), Set.of()));
        Dataset train = reader.read(request.train());
        config = config.withTasks(resolveTasks(config.tasks(), train));
        Dataset dev = request.dev() == null ? null : reader.read(request.dev());
        Dataset test = request.test() == null ? null : reader.read(request.test());
        List<LabeledSentence> trainRows = train.rows();
        List<LabeledSentence> devRows;
        if (dev == null) {
            int[] fold = GroupSplitter.folds(trainRows, config.tasks().get(0), HOLDOUT_FOLDS, config.seed());
            devRows = GroupSplitter.select(trainRows, fold, 0, true);
            trainRows = GroupSplitter.select(trainRows, fold, 0, false);
            progress.accept(String.format("no --dev given: holding out %d sentences of %d articles for early stopping",
                    devRows.size(), devRows.stream().map(LabeledSentence::groupKey).distinct().count()));
        } else {
            devRows = dev.rows();
        }
        checkDisjoint(trainRows, devRows, "dev");
        if (test != null) {
            checkDisjoint(trainRows, test.rows(), "test");
        }

        TrainingResult result = new Trainer(config, progress).train(trainRows, devRows);
        Classifier classifier = result.classifier();
        Map<String, Map<String, Metrics>> evaluation = new LinkedHashMap<>();
        evaluation.put("dev", DatasetEvaluation.evaluate(classifier, devRows));
        if (test != null) {
            evaluation.put("test", DatasetEvaluation.evaluate(classifier, test.rows()));
        }
        List<DataProvenance> data = new ArrayList<>();
        data.add(provenance("train", train, trainRows, config.tasks()));
        data.add(provenance("dev", dev != null ? dev : train, devRows, config.tasks()));
        if (test != null) {
            data.add(provenance("test", test, test.rows(), config.tasks()));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, org.stance.StanceVersion.get(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), classifier.labels(), config.normalizer().toMap(),
                config.ngrams(), embeddingUse(classifier), classifier.featurizer().dimension(), Hyperparameters.of(config), data, evaluation,
                result.history(), result.bestEpoch(), result.seconds());
        ModelArtifact.save(request.output(), manifest, classifier);
        return new Outcome(manifest, classifier);
    }

    private static org.stance.artifact.EmbeddingUse embeddingUse(Classifier classifier) {
        var e = classifier.featurizer().embeddings();
        return e == null ? null : new org.stance.artifact.EmbeddingUse(classifier.featurizer().pooling().name(),
                e.pooledDimension(classifier.featurizer().pooling()), e.vocabularySize(), e.provenance());
    }

    static DatasetSchema schema(boolean closedLabels, Set<String> required) {
        return closedLabels ? new DatasetSchema(required, DatasetSchema.iraqPresence().knownLabels()) : DatasetSchema.open(required);
    }

    /** The requested tasks, or every label column that carries labels in the training data. */
    static List<String> resolveTasks(List<String> requested, Dataset train) {
        if (!requested.isEmpty()) {
            for (String task : requested) {
                if (train.labeled(task).isEmpty()) {
                    throw new UserError(train.name() + ": no row has a '" + task + "' label");
                }
            }
            return requested;
        }
        List<String> tasks = new ArrayList<>();
        for (String task : List.of(Columns.STANCE, Columns.TOPIC)) {
            if (!train.labeled(task).isEmpty()) {
                tasks.add(task);
            }
        }
        if (tasks.isEmpty()) {
            throw new UserError(train.name() + ": no row has a stance or topic label to learn from");
        }
        return tasks;
    }

    /** Sentences of one article must never be on both sides of an evaluation. */
    static void checkDisjoint(List<LabeledSentence> train, List<LabeledSentence> other, String name) {
        Set<String> trainArticles = new LinkedHashSet<>();
        train.forEach(r -> {
            if (!r.articleId().isEmpty()) {
                trainArticles.add(r.articleId());
            }
        });
        for (LabeledSentence r : other) {
            if (trainArticles.contains(r.articleId())) {
                throw new UserError(name + " line " + r.line() + ": article '" + r.articleId()
                        + "' also has sentences in the training data; split by article to avoid leakage");
            }
        }
    }

    private static DataProvenance provenance(String role, Dataset file, List<LabeledSentence> rows, List<String> tasks) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        Dataset subset = file.subset(role, rows);
        for (String task : tasks) {
            counts.put(task, subset.counts(task));
        }
        return new DataProvenance(role, file.name(), file.sha256(), rows.size(), subset.articles().size(), counts);
    }
}
