package org.stance.features;

/**
 * Which sparse n-gram features describe a sentence, and how they are weighted.
 *
 * @param wordNgrams    longest word n-gram (1 = unigrams only, 2 = unigrams and bigrams)
 * @param charMin       shortest character n-gram, taken inside word boundaries (0 disables char n-grams)
 * @param charMax       longest character n-gram
 * @param stems         add Lucene light stems as extra word features (clitics and suffixes removed)
 * @param minDf         keep features seen in at least this many training sentences
 * @param maxFeatures   keep at most this many features, the most frequent first
 * @param useTarget     the example's target (the target column) is an input, known when scoring,
 *                      as in target-specific stance data (Mawqif); off when target is itself a label
 * @param targetCross   also copy every feature under the example's target, so that each target
 *                      learns its own weights on top of the shared ones (feature augmentation);
 *                      implies useTarget
 */
public record NgramConfig(int wordNgrams, int charMin, int charMax, boolean stems, int minDf, int maxFeatures,
                          boolean useTarget, boolean targetCross) {

    public NgramConfig {
        if (wordNgrams < 1 || wordNgrams > 3) {
            throw new IllegalArgumentException("word n-grams must be 1, 2 or 3, not " + wordNgrams);
        }
        if (charMin < 0 || (charMin > 0 && charMax < charMin) || charMax > 8) {
            throw new IllegalArgumentException("char n-gram range " + charMin + ".." + charMax + " is invalid");
        }
        if (targetCross && !useTarget) {
            throw new IllegalArgumentException("target crossing needs the target as an input");
        }
        if (minDf < 1 || maxFeatures < 1) {
            throw new IllegalArgumentException("min-df and max-features must be positive");
        }
    }

    public static NgramConfig defaults() {
        return new NgramConfig(2, 2, 5, true, 2, 200_000, false, false);
    }
}
