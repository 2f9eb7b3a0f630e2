package org.stance.model;

import java.util.List;
import org.stance.features.NgramConfig;
import org.stance.text.NormalizerConfig;

/**
 * Everything that decides what {@link Trainer} produces. Same config + same data + same seed =
 * same model.
 *
 * @param tasks         label columns to learn ("stance", "topic"), each an output head; empty = every
 *                      label column the training data fills
 * @param embeddings    word vectors pooled into extra input features, or null for n-grams only
 * @param hidden        width of the shared hidden layer; 0 gives one linear softmax per task
 * @param inputDropout  probability of dropping an input feature during training (0 = none)
 * @param l2            L2 weight decay, added to the gradient of the n-gram weights a batch touches (lazily, see SparseFit)
 * @param optimizer     the update rule
 * @param learningRate  its step size
 * @param maxEpochs     upper bound on epochs; early stopping usually ends sooner
 * @param patience      epochs without a better dev score before stopping
 * @param batchSize     examples per update
 * @param classWeighting loss weights against class imbalance
 * @param seed          seeds weight initialisation, shuffling and the dev split
 */
public record TrainConfig(List<String> tasks, NormalizerConfig normalizer, NgramConfig ngrams, EmbeddingFeatures embeddings, int hidden,
                          double inputDropout, double l2, Optimizer optimizer, double learningRate, int maxEpochs, int patience,
                          int batchSize, ClassWeighting classWeighting, long seed) {

    public TrainConfig {
        tasks = List.copyOf(tasks);
        if (hidden < 0 || inputDropout < 0 || inputDropout >= 1 || l2 < 0 || learningRate <= 0 || maxEpochs < 1
                || patience < 1 || batchSize < 1) {
            throw new IllegalArgumentException("invalid training settings: " + this);
        }
    }

    public static TrainConfig defaults(List<String> tasks) {
        return new TrainConfig(tasks, NormalizerConfig.defaults(), NgramConfig.defaults(), null, 0, 0.2, 1e-5, Optimizer.ADAM, 0.01, 40, 4, 32,
                ClassWeighting.SQRT, 42L);
    }

    public TrainConfig withTasks(List<String> newTasks) {
        return new TrainConfig(newTasks, normalizer, ngrams, embeddings, hidden, inputDropout, l2, optimizer, learningRate, maxEpochs, patience,
                batchSize, classWeighting, seed);
    }
}
