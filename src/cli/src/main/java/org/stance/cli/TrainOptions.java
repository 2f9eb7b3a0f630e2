package org.stance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import org.stance.InvalidSettingException;
import org.stance.curation.IraqPresence;
import org.stance.embed.Pooling;
import org.stance.eval.Metric;
import org.stance.features.NgramConfig;
import org.stance.model.ClassWeighting;
import org.stance.model.EmbeddingFeatures;
import org.stance.model.Optimizer;
import org.stance.model.TrainConfig;

/**
 * The training settings shared by {@code train} and {@code cross-validate}. Every default is read
 * from {@link TrainConfig#DEFAULTS}, the library's one definition, so the help shows it and a
 * service using the library's defaults trains the same model.
 */
final class TrainOptions {

    private static final TrainConfig D = TrainConfig.DEFAULTS;
    private static final NgramConfig N = D.ngrams();

    /** Library setting name → the option that sets it, to name the option in a range error. */
    private static final Map<String, String> OPTION_OF = Map.ofEntries(Map.entry("hidden", "--hidden"), Map.entry("inputDropout", "--dropout"),
            Map.entry("l2", "--l2"), Map.entry("learningRate", "--lr"), Map.entry("maxEpochs", "--epochs"), Map.entry("patience", "--patience"),
            Map.entry("batchSize", "--batch-size"), Map.entry("wordNgrams", "--word-ngrams"), Map.entry("charMin", "--char-min"),
            Map.entry("charMax", "--char-max"), Map.entry("minDf", "--min-df"), Map.entry("maxFeatures", "--max-features"),
            Map.entry("targetCross", "--target-cross"), Map.entry("words", "--embedding-words"),
            Map.entry("offsetFolds", "--offset-folds"), Map.entry("articleContext", "--article-context"));

    @Option(names = "--task", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, paramLabel = "COLUMN", description = "Label column to learn, of any name (a column 'label' with --task label); repeatable. Default: stance and topic,"
            + " those that have labels.")
    List<String> tasks = new ArrayList<>(D.tasks());

    @Option(names = "--labels", paramLabel = "SET",
            description = "Label sets: 'open' takes the labels found in the data; '" + IraqPresence.NAME + "' checks them against the guideline sets.")
    String labels = "open";

    @Option(names = "--hidden", description = "Width of a shared hidden layer; 0 = one linear softmax per task.")
    int hidden = D.hidden();

    @Option(names = "--dropout", description = "Input dropout probability during training (mini-batch optimizers only; refused with LBFGS).")
    double dropout = D.inputDropout();

    @Option(names = "--l2", description = "L2 penalty: with LBFGS l2/2·||W||² on the mean loss (scikit-learn's C = 1/(l2·n)); "
            + "with a mini-batch optimizer, weight decay on the n-gram weights a batch touches.")
    double l2 = D.l2();

    @Option(names = "--optimizer", description = "Update rule: ${COMPLETION-CANDIDATES}.")
    Optimizer optimizer = D.optimizer();

    @Option(names = "--lr", description = "Learning rate (mini-batch optimizers only; refused with LBFGS, which needs none).")
    double learningRate = D.learningRate();

    @Option(names = "--epochs", description = "Maximum epochs (LBFGS: iterations; convergence or early stopping usually ends sooner).")
    int epochs = D.maxEpochs();

    @Option(names = "--patience", description = "Epochs without a better dev score before stopping (mini-batch optimizers only; "
            + "refused with LBFGS, which stops at convergence).")
    int patience = D.patience();

    @Option(names = "--batch-size", description = "Sentences per update (mini-batch optimizers only; refused with LBFGS, which uses "
            + "every row at each step).")
    int batchSize = D.batchSize();

    @Option(names = "--class-weights", description = "Loss weights against imbalance: ${COMPLETION-CANDIDATES}.")
    ClassWeighting classWeights = D.classWeighting();

    @Option(names = "--authored-weight", paramLabel = "W", description = "Weight in the loss of each authored row (source authored:URL; "
            + "real rows weigh 1), above 0 and at most 10.")
    double authoredWeight = D.authoredWeight();

    @Option(names = "--metric", converter = MetricName.class, paramLabel = "METRIC",
            description = "Figure to tune for (decision offsets, the epoch choice, --autotune): auto, macro-f1, f-avg, accuracy; auto = "
                    + "f-avg for favor/against labels, else macro-f1.")
    Metric metric = D.metric();

    // The default is shown by its name (the field holds -1 for auto); a test checks it is TrainConfig's.
    @Option(names = "--offset-folds", converter = OffsetFolds.class, paramLabel = "auto|K", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Article-grouped inner folds whose held-out predictions choose per-class decision offsets for --metric: "
                    + "0 = plain argmax; auto = " + TrainConfig.AUTO_FOLDS + " folds for the tasks scored by F_avg (favor/against labels), "
                    + "plain argmax for the others.%n  Default: auto")
    int offsetFolds = D.offsetFolds();

    @Option(names = "--no-position-labels", split = ",", paramLabel = "LABEL",
            description = "Stance labels that take no position (the article verdict treats them apart).")
    List<String> noPositionLabels = new ArrayList<>(D.noPositionLabels());

    @Option(names = "--seed", description = "Seed of the mini-batch optimizers' initialisation, shuffling and dev hold-out, and of the "
            + "decision-offset and --autotune folds; an LBFGS fit itself is the same for every seed.")
    long seed = D.seed();

    @Option(names = "--word-ngrams", description = "Longest word n-gram.")
    int wordNgrams = N.wordNgrams();

    @Option(names = "--char-min", description = "Shortest character n-gram (0 = none).")
    int charMin = N.charMin();

    @Option(names = "--char-max", description = "Longest character n-gram.")
    int charMax = N.charMax();

    @Option(names = "--no-stems", description = "Do not add Lucene light stems as features.")
    boolean noStems = !N.stems();

    @Option(names = "--min-df", description = "Keep n-grams seen in at least this many training sentences.")
    int minDf = N.minDf();

    @Option(names = "--max-features", description = "Keep at most this many n-grams, the most frequent.")
    int maxFeatures = N.maxFeatures();

    @Option(names = "--use-target", description = "The target column is an input known when scoring (target-specific stance data such as Mawqif), "
            + "not a label; score then needs --target.")
    boolean useTarget = N.useTarget();

    @Option(names = "--target-cross", description = "With --use-target: give every target its own copy of the n-gram weights.")
    boolean targetCross = N.targetCross();

    @Option(names = "--article-context", paramLabel = "WEIGHT", description = "Weight of the article context features: each sentence also "
            + "sees what its whole article says (its article_id's sentences; a sentence scored alone is an article of one). 0 = none; "
            + "off by itself when no training article has two sentences.")
    double articleContext = N.articleContext();

    /** The word vectors every training uses unless told otherwise (docs/EMBEDDINGS.md says how they were made). */
    static final String DEFAULT_VECTORS = "${env:STANCE_HOME:-.}/models/vectors-ar.zip";

    @Option(names = "--embeddings", paramLabel = "FILE", defaultValue = DEFAULT_VECTORS,
            description = "Word vectors from 'stance embed' (or a model carrying them) to pool into extra features.")
    Path embeddings;

    @Option(names = "--no-embeddings", description = "N-gram features only: no word vectors.")
    boolean noEmbeddings;

    @Option(names = "--pooling", description = "How --embeddings vectors become a sentence vector: ${COMPLETION-CANDIDATES}.")
    Pooling pooling = EmbeddingFeatures.DEFAULT_POOLING;

    @Option(names = "--embedding-words", description = "Most frequent words of --embeddings kept in the model (bounds its size).")
    int embeddingWords = EmbeddingFeatures.DEFAULT_WORDS;

    @Option(names = "--skip-invalid", description = "Leave out rows with a problem of their own (no Arabic letter, an unknown label, "
            + "a wrong field count) and report each with its line, instead of stopping (problems of a whole file still stop).")
    boolean skipInvalid;

    @Option(names = "--fold-taa-marbuta", description = "Also fold ة into ه during normalisation.")
    boolean foldTaaMarbuta = D.normalizer().foldTaaMarbuta();

    /** The settings typed, as the library's config; a value out of range is a usage error naming its option. */
    /** The options only the mini-batch optimizers read: given with LBFGS they would change nothing, so they are refused. */
    private static final List<String> MINI_BATCH_ONLY = List.of("--lr", "--patience", "--batch-size", "--dropout");

    TrainConfig config(CommandLine cli) {
        if (!optimizer.earlyStopping() && cli.getParseResult() != null) {
            for (String option : MINI_BATCH_ONLY) {
                if (cli.getParseResult().hasMatchedOption(option)) {
                    throw new CommandLine.ParameterException(cli, option + " applies to the mini-batch optimizers (--optimizer adam, adagrad, sgd "
                            + "or nesterov) only; " + optimizer + " fits the heads to convergence without it");
                }
            }
        }
        if (noEmbeddings && cli.getParseResult() != null && cli.getParseResult().hasMatchedOption("--embeddings")) {
            throw new CommandLine.ParameterException(cli, "--no-embeddings and --embeddings exclude each other: give one");
        }
        for (String task : tasks) {
            if (!org.stance.data.Columns.isTaskName(task)) {
                throw new CommandLine.ParameterException(cli, "--task names a label column: "
                        + org.stance.data.Columns.taskNameRule() + "; not '" + task + "'");
            }
        }
        try {
            NgramConfig ngrams = new NgramConfig(wordNgrams, charMin, charMax, !noStems, minDf, maxFeatures, useTarget || targetCross, targetCross,
                    articleContext);
            return D.toBuilder().tasks(tasks).normalizer(D.normalizer().withFoldTaaMarbuta(foldTaaMarbuta)).ngrams(ngrams)
                    .embeddings(noEmbeddings ? null : new EmbeddingFeatures(embeddings, pooling, embeddingWords)).hidden(hidden)
                    .inputDropout(dropout).l2(l2).optimizer(optimizer).learningRate(learningRate).maxEpochs(epochs).patience(patience)
                    .batchSize(batchSize).classWeighting(classWeights).authoredWeight(authoredWeight).noPositionLabels(noPositionLabels).metric(metric).offsetFolds(offsetFolds).seed(seed).build();
        } catch (InvalidSettingException e) {
            throw new CommandLine.ParameterException(cli, OPTION_OF.getOrDefault(e.setting(), StanceCommand.optionName(e.setting())) + " "
                    + e.requirement());
        }
    }

    /** Reads --offset-folds: "auto" or a number of folds. */
    static final class OffsetFolds implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.strip().equalsIgnoreCase("auto")) {
                return TrainConfig.AUTO_OFFSET_FOLDS;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not auto or a number of folds");
            }
        }
    }

    /** Reads a metric as users write it (macro-f1, f-avg, accuracy, auto). */
    static final class MetricName implements CommandLine.ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            for (Metric m : Metric.values()) {
                if (m.cliName().equalsIgnoreCase(value) || m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a metric: auto, macro-f1, f-avg or accuracy");
        }
    }

    /** Column → closed label set for {@code --labels}; empty for open labels. */
    Map<String, List<String>> knownLabels(CommandLine cli) {
        return switch (labels) {
            case "open" -> Map.of();
            case IraqPresence.NAME -> IraqPresence.knownLabels();
            default -> throw new CommandLine.ParameterException(cli,
                    "--labels must be 'open' or '" + IraqPresence.NAME + "', not '" + labels + "'");
        };
    }
}
