package org.stance.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import org.stance.features.NgramConfig;
import org.stance.model.ClassWeighting;
import org.stance.model.Optimizer;
import org.stance.model.TrainConfig;
import org.stance.text.NormalizerConfig;

/** The training settings shared by {@code train} and {@code evaluate --cv}; defaults are the shipped model's. */
final class TrainOptions {

    @Option(names = "--task", paramLabel = "COLUMN", description = "Label column to learn (stance, topic); repeatable. Default: every one that has labels.")
    List<String> tasks = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "SET", defaultValue = "open",
            description = "Label sets: 'open' takes the labels found in the data; 'iraq-presence' checks them against the guideline sets.")
    String labels;

    @Option(names = "--hidden", defaultValue = "0", description = "Width of a shared hidden layer; 0 = one linear softmax per task.")
    int hidden;

    @Option(names = "--dropout", defaultValue = "0.0", description = "Input dropout probability during training.")
    double dropout;

    @Option(names = "--l2", defaultValue = "1e-4", description = "L2 weight decay, applied to the n-gram weights a batch touches.")
    double l2;

    @Option(names = "--optimizer", defaultValue = "ADAGRAD", description = "Update rule: ${COMPLETION-CANDIDATES}.")
    Optimizer optimizer;

    @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate.")
    double learningRate;

    @Option(names = "--epochs", defaultValue = "40", description = "Maximum epochs (early stopping on dev macro-F1 usually ends sooner).")
    int epochs;

    @Option(names = "--patience", defaultValue = "4", description = "Epochs without a better dev macro-F1 before stopping.")
    int patience;

    @Option(names = "--batch-size", defaultValue = "32", description = "Sentences per update.")
    int batchSize;

    @Option(names = "--class-weights", defaultValue = "SQRT", description = "Loss weights against imbalance: ${COMPLETION-CANDIDATES}.")
    ClassWeighting classWeights;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, shuffling and the dev hold-out.")
    long seed;

    @Option(names = "--word-ngrams", defaultValue = "2", description = "Longest word n-gram.")
    int wordNgrams;

    @Option(names = "--char-min", defaultValue = "2", description = "Shortest character n-gram (0 = none).")
    int charMin;

    @Option(names = "--char-max", defaultValue = "5", description = "Longest character n-gram.")
    int charMax;

    @Option(names = "--no-stems", description = "Do not add Lucene light stems as features.")
    boolean noStems;

    @Option(names = "--min-df", defaultValue = "2", description = "Keep n-grams seen in at least this many training sentences.")
    int minDf;

    @Option(names = "--max-features", defaultValue = "200000", description = "Keep at most this many n-grams, the most frequent.")
    int maxFeatures;

    @Option(names = "--use-target", description = "The target column is an input known when scoring (target-specific stance data such as Mawqif), "
            + "not a label; score then needs --target.")
    boolean useTarget;

    @Option(names = "--target-cross", description = "With --use-target: give every target its own copy of the n-gram weights.")
    boolean targetCross;

    @Option(names = "--embeddings", paramLabel = "FILE", description = "Word vectors from 'stance embed' to pool into extra features (default: n-grams only).")
    java.nio.file.Path embeddings;

    @Option(names = "--pooling", defaultValue = "SIF", description = "How --embeddings vectors become a sentence vector: ${COMPLETION-CANDIDATES}.")
    org.stance.embed.Pooling pooling;

    @Option(names = "--embedding-words", defaultValue = "20000", description = "Most frequent words of --embeddings kept in the model (bounds its size).")
    int embeddingWords;

    @Option(names = "--fold-taa-marbuta", description = "Also fold ة into ه during normalisation.")
    boolean foldTaaMarbuta;

    TrainConfig config(picocli.CommandLine cli) {
        NgramConfig ngrams;
        try {
            ngrams = new NgramConfig(wordNgrams, charMin, charMax, !noStems, minDf, maxFeatures, useTarget || targetCross, targetCross);
            return new TrainConfig(tasks, NormalizerConfig.defaults().withFoldTaaMarbuta(foldTaaMarbuta), ngrams,
                    embeddings == null ? null : new org.stance.model.EmbeddingFeatures(embeddings, pooling, embeddingWords), hidden, dropout, l2,
                    optimizer, learningRate, epochs, patience, batchSize, classWeights, seed);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    boolean closedLabels(picocli.CommandLine cli) {
        return switch (labels) {
            case "open" -> false;
            case "iraq-presence" -> true;
            default -> throw new picocli.CommandLine.ParameterException(cli,
                    "--labels must be 'open' or 'iraq-presence', not '" + labels + "'");
        };
    }
}
