package org.stance.embed;

/** How {@link WordEmbeddings#pool} turns the vectors of a text's tokens into one fixed-size vector. */
public enum Pooling {
    /** Plain mean of the known tokens' vectors. */
    MEAN,
    /**
     * Smooth inverse frequency (Arora et al. 2017): mean weighted by {@code a / (a + p(w))},
     * a = 1e-3, p(w) the word's relative frequency in the training corpus, so that function words
     * (في، من، ان) weigh little. Without the common-component removal of the paper, which needs a
     * corpus of texts at pooling time. A word known only through its n-grams counts as rare.
     */
    SIF,
    /** Component-wise maximum. */
    MAX,
    /** MEAN followed by MAX: twice the dimension. */
    MEAN_MAX
}
