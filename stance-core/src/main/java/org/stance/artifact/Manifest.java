package org.stance.artifact;

import java.util.List;
import java.util.Map;
import org.stance.eval.Metrics;
import org.stance.features.NgramConfig;
import org.stance.model.EpochRecord;

/**
 * What a model artifact says about itself: its format, how it was made (settings, data hashes)
 * and how good it was (dev and, when given, test figures). Written as manifest.json.
 *
 * @param labels     task → labels in output order
 * @param normalizer the normalisation steps, name → on/off, re-applied when scoring
 * @param embeddings the word vectors stored in the model and how they are pooled, or null
 * @param evaluation split name ("dev", "test") → task → metrics
 */
public record Manifest(String format, int formatVersion, String projectVersion, String createdAt,
                       Map<String, List<String>> labels, Map<String, Boolean> normalizer, NgramConfig ngrams,
                       EmbeddingUse embeddings, int featureCount, Hyperparameters hyperparameters, List<DataProvenance> data,
                       Map<String, Map<String, Metrics>> evaluation, List<EpochRecord> history, int bestEpoch,
                       double trainingSeconds) {

    public static final String FORMAT = "stance-model";
    public static final int FORMAT_VERSION = 1;

    /** The same manifest with one more evaluation section (e.g. "test"). */
    public Manifest withEvaluation(String split, Map<String, Metrics> metrics) {
        Map<String, Map<String, Metrics>> all = new java.util.LinkedHashMap<>(evaluation);
        all.put(split, metrics);
        return new Manifest(format, formatVersion, projectVersion, createdAt, labels, normalizer, ngrams, embeddings, featureCount,
                hyperparameters, data, all, history, bestEpoch, trainingSeconds);
    }
}
