package org.stance.model;

import java.nio.file.Path;
import org.stance.InvalidSettingException;
import org.stance.embed.Pooling;

/**
 * Which word vectors a classifier pools into extra input features.
 *
 * @param file    an embeddings artifact made by {@code stance embed}, or a model that carries vectors
 * @param pooling how a sentence's word vectors become one vector
 * @param words   the most frequent words kept in the model (the subword table is kept whole),
 *                which bounds the model file's size
 */
public record EmbeddingFeatures(Path file, Pooling pooling, int words) {

    /** SIF pooling beat mean pooling on iraq dev (models/README.md). */
    public static final Pooling DEFAULT_POOLING = Pooling.SIF;
    public static final int DEFAULT_WORDS = 20_000;

    public EmbeddingFeatures {
        InvalidSettingException.require(file != null, "file", null, "given");
        InvalidSettingException.require(pooling != null, "pooling", null, "given");
        InvalidSettingException.require(words >= 1, "words", words, "at least 1");
    }
}
