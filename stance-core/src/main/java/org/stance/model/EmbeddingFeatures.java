package org.stance.model;

import java.nio.file.Path;
import org.stance.embed.Pooling;

/**
 * Which word vectors a classifier pools into extra input features.
 *
 * @param file    an embeddings artifact made by {@code stance embed}
 * @param pooling how a sentence's word vectors become one vector
 * @param words   the most frequent words kept in the model (the subword table is kept whole),
 *                which bounds the model file's size
 */
public record EmbeddingFeatures(Path file, Pooling pooling, int words) {
}
