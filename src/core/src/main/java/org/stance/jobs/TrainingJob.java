package org.stance.jobs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.stance.StanceVersion;
import org.stance.UserError;
import org.stance.artifact.EmbeddingsCodec;
import org.stance.artifact.ModelCodec;
import org.stance.artifact.ModelManifest;
import org.stance.data.Columns;
import org.stance.data.Dataset;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.data.GroupSplitter;
import org.stance.data.LabeledSentence;
import org.stance.embed.WordEmbeddings;
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

    public record Outcome(ModelManifest manifest, Classifier classifier) {
    }

    public Outcome run(TrainRequest request) {
        ModelCodec.checkWritable(request.output());
        TrainConfig config = request.config();
        DatasetReader reader = reader(request.knownLabels(), request.config().tasks(), request.skipInvalid(), progress);
        long readStart = System.nanoTime();
        Dataset train = reader.read(request.train());
        progress.accept(String.format("read %d training rows (%d articles) in %.1f s", train.rows().size(), train.articles().size(),
                (System.nanoTime() - readStart) / 1e9));
        config = config.toBuilder().tasks(resolveTasks(config.tasks(), train)).build();
        if (request.heldOut() != null) {
            train.requireNoneOf(request.heldOut());
        }
        Dataset dev = request.dev() == null ? null : reader.read(request.dev()).requireReal("dev");
        Dataset test = request.test() == null ? null : reader.read(request.test()).requireReal("test");
        WordEmbeddings vectors = vectors(config);
        AutoTune.Result tuning = null;
        if (request.autotune() != null) {
            tuning = new AutoTune(progress).run(train, config, vectors, request.autotune(), TrainRequest.AUTOTUNE_FOLDS);
            config = tuning.best().config();
        }
        List<LabeledSentence> trainRows = train.rows();
        List<LabeledSentence> devRows;
        if (dev == null && !config.optimizer().earlyStopping()) {
            devRows = List.of(); // a converged fit needs no dev set: every training row is trained on
        } else if (dev == null) {
            int[] fold = GroupSplitter.folds(trainRows, config.tasks().get(0), HOLDOUT_FOLDS, config.seed());
            devRows = GroupSplitter.select(trainRows, fold, 0, true);
            trainRows = GroupSplitter.select(trainRows, fold, 0, false);
            progress.accept(String.format("no dev set given: holding out %d sentences of %d articles for early stopping",
                    devRows.size(), devRows.stream().map(LabeledSentence::groupKey).distinct().count()));
        } else {
            devRows = dev.rows();
        }
        checkDisjoint(trainRows, devRows, "dev");
        checkTextOverlap(trainRows, devRows, "dev", config);
        if (test != null) {
            checkDisjoint(trainRows, test.rows(), "test");
            checkTextOverlap(trainRows, test.rows(), "test", config);
        }

        TrainingResult result = new Trainer(config, vectors, progress).train(trainRows, devRows);
        Classifier classifier = result.classifier();
        Map<String, Map<String, ModelManifest.Figures>> evaluation = new LinkedHashMap<>();
        // The training rows themselves: optimistic, but always there, and far below the held-out figures means underfitting.
        evaluation.put("train", ModelManifest.Figures.of(DatasetEvaluation.sentences(classifier, trainRows)));
        if (!devRows.isEmpty()) {
            evaluation.put("dev", ModelManifest.Figures.of(DatasetEvaluation.sentences(classifier, devRows)));
        }
        if (tuning != null) {
            evaluation.put("autotune-cv", ModelManifest.Figures.of(tuning.cv().pooled()));
        }
        if (test != null) {
            evaluation.put("test", ModelManifest.Figures.of(DatasetEvaluation.sentences(classifier, test.rows())));
        }
        List<ModelManifest.Data> data = new ArrayList<>();
        data.add(provenance("train", train, trainRows, config.tasks()));
        if (!devRows.isEmpty()) {
            data.add(provenance("dev", dev != null ? dev : train, devRows, config.tasks()));
        }
        if (test != null) {
            data.add(provenance("test", test, test.rows(), config.tasks()));
        }
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.FORMAT_VERSION, StanceVersion.get(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), classifier.labels(), config.noPositionLabels(), config.normalizer().toMap(),
                ModelManifest.Features.of(classifier.featurizer().config(), classifier.featurizer().vocabulary().hashes().length, classifier.featurizer().dimension()),
                targets(config, trainRows), embeddings(classifier, config), ModelManifest.Network.of(recorded(config, result, classifier.labels()), Classifier.parameterCount(config,
                        classifier.featurizer().dimension(), config.tasks().stream().map(t -> classifier.labels().get(t).size()).toList())), data,
                evaluation, ModelManifest.Epoch.of(result.history()), result.bestEpoch(), result.seconds(), result.decisionOffsets(),
                tuning == null ? null : tuning.toManifest(), null, null);
        return new Outcome(ModelCodec.save(request.output(), manifest, classifier), classifier);
    }

    /** A reader of the job's files; with {@code skipInvalid}, each row left out is reported with its file and line. */
    public static DatasetReader reader(Map<String, List<String>> knownLabels, List<String> tasks, boolean skipInvalid, Consumer<String> progress) {
        DatasetReader strict = new DatasetReader(DatasetSchema.open(Set.of()).withKnownLabels(knownLabels).withLabelColumns(tasks));
        if (!skipInvalid) {
            return strict;
        }
        int[] count = {0};
        return strict.skippingInvalidRows(problem -> progress.accept(String.format("skipped row %d: %s", ++count[0], problem)));
    }

    /** The word vectors the config names, read once (an embeddings artifact or a model carrying them); null for n-grams only. */
    static WordEmbeddings vectors(TrainConfig config) {
        return config.embeddings() == null ? null : EmbeddingsCodec.load(config.embeddings().file());
    }

    /**
     * The settings as the manifest records them: {@code --offset-folds auto} as what it became, the
     * folds used or 0, so that the record says what was done and a release that predates auto
     * can still read the file.
     */
    private static TrainConfig recorded(TrainConfig config, org.stance.model.TrainingResult result, Map<String, List<String>> labels) {
        if (config.offsetFolds() != TrainConfig.AUTO_OFFSET_FOLDS) {
            return config;
        }
        boolean used = result.decisionOffsets() != null && !result.decisionOffsets().isEmpty();
        return config.toBuilder().offsetFolds(used ? config.offsetFolds(labels) : 0).build();
    }

    private static ModelManifest.Embeddings embeddings(Classifier classifier, TrainConfig config) {
        WordEmbeddings e = classifier.featurizer().embeddings();
        return e == null ? null : new ModelManifest.Embeddings(classifier.featurizer().pooling().name(),
                e.pooledDimension(classifier.featurizer().pooling()), e.vocabularySize(), e.provenance());
    }

    /** The targets a target-input model has seen: scoring checks the target it is given against them. */
    private static List<String> targets(TrainConfig config, List<LabeledSentence> rows) {
        if (!config.ngrams().useTarget()) {
            return List.of();
        }
        Set<String> out = new TreeSet<>();
        rows.forEach(r -> out.add(r.target()));
        return List.copyOf(out);
    }

    /** The requested tasks, or every label column that carries labels in the training data. */
    static List<String> resolveTasks(List<String> requested, Dataset train) {
        if (!requested.isEmpty()) {
            for (String task : requested) {
                if (!Columns.isTaskName(task)) {
                    throw new UserError("'" + task + "' cannot be a task: a label column is " + Columns.taskNameRule());
                }
                if (train.labeled(task).isEmpty()) {
                    throw new UserError(train.name() + ": no row has a '" + task + "' label (is there a column named '" + task + "'?)");
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

    /** Share of an evaluation set's sentences that may repeat training text before it is taken for the same data. */
    static final double MAX_TEXT_OVERLAP = 0.5;

    /**
     * Leakage that article ids cannot show (files without ids, or the same file given twice): the
     * evaluation sentences that also occur, normalised, in the training data. A few are normal
     * (boilerplate, repeated leads) and are reported; most of them is an error.
     */
    void checkTextOverlap(List<LabeledSentence> train, List<LabeledSentence> other, String name, TrainConfig config) {
        org.stance.text.ArabicNormalizer normalizer = new org.stance.text.ArabicNormalizer(config.normalizer());
        Set<String> trainTexts = new java.util.HashSet<>();
        train.forEach(r -> trainTexts.add(normalizer.normalize(r.text())));
        long shared = other.stream().filter(r -> trainTexts.contains(normalizer.normalize(r.text()))).count();
        if (shared > MAX_TEXT_OVERLAP * other.size()) {
            throw new UserError(name + ": " + shared + " of its " + other.size() + " sentences also occur in the training data word for word; "
                    + "the same data on both sides would make every figure meaningless (is it the same file?)");
        }
        if (shared > 0) {
            progress.accept(String.format("note: %d of the %d %s sentences also occur in the training data (repeated text such as leads "
                    + "or boilerplate)", shared, other.size(), name));
        }
    }

    private static ModelManifest.Data provenance(String role, Dataset file, List<LabeledSentence> rows, List<String> tasks) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        Dataset subset = file.subset(role, rows);
        for (String task : tasks) {
            counts.put(task, subset.counts(task));
        }
        return new ModelManifest.Data(role, file.name(), file.sha256(), rows.size(), subset.articles().size(), counts);
    }
}
