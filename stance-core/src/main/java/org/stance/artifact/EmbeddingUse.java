package org.stance.artifact;

import java.util.Map;

/** The word vectors a model carries: pooling, size, and the provenance their artifact recorded. */
public record EmbeddingUse(String pooling, int dimension, int words, Map<String, String> provenance) {
}
