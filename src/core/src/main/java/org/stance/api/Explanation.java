package org.stance.api;

import java.util.List;

/**
 * Why a sentence got its label for one task: the label's logit (its score before the softmax) as a
 * bias plus the features' contributions. {@code features} are the ones that raised it most, and
 * {@code others} the sum of all the rest, so {@code bias + sum(features) + others == logit}.
 *
 * @param method "exact" for linear heads (a contribution is the feature's TF-IDF value times its
 *               weight); "exact for this input (ReLU pattern fixed)" with a hidden layer (gradient
 *               times input through the units that are on for this sentence)
 */
public record Explanation(String label, String method, double bias, double logit, List<FeatureContribution> features, double others) {

    public Explanation {
        features = List.copyOf(features);
    }

    /**
     * One feature's share of the logit.
     *
     * @param feature as a person reads it: "word الانسحاب" (the word's n-grams, stem, character n-grams and its
     *                share of the pooled word vectors together), "words القوات الامريكيه" (a word pair), "sentence 4"
     *                (that sentence's share of the article context), "target iraq"
     */
    public record FeatureContribution(String feature, double contribution) {
    }
}
