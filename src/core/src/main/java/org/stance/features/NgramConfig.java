package org.stance.features;

import org.stance.InvalidSettingException;

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
 * @param articleContext weight of the article context block (0 = none): every sentence also gets
 *                      the L2-normalised sum of the vectors of all sentences of its article (itself
 *                      included; a sentence scored alone is an article of one), times this weight,
 *                      as a second copy of the inputs. Training switches it off when no article of
 *                      the training data has two sentences (tweets, whole documents).
 */
public record NgramConfig(int wordNgrams, int charMin, int charMax, boolean stems, int minDf, int maxFeatures,
                          boolean useTarget, boolean targetCross, double articleContext) {

    /** Word 1-2-grams, light stems and character 2-5-grams (the shipped model's features), with the article context. */
    public static final NgramConfig DEFAULTS = new NgramConfig(2, 2, 5, true, 2, 200_000, false, false, 0.5);

    /** Without article context. */
    public NgramConfig(int wordNgrams, int charMin, int charMax, boolean stems, int minDf, int maxFeatures, boolean useTarget, boolean targetCross) {
        this(wordNgrams, charMin, charMax, stems, minDf, maxFeatures, useTarget, targetCross, 0.0);
    }

    public NgramConfig {
        InvalidSettingException.require(wordNgrams >= 1 && wordNgrams <= 3, "wordNgrams", wordNgrams, "1, 2 or 3");
        InvalidSettingException.require(charMin >= 0 && charMin <= 8, "charMin", charMin, "from 0 (no character n-grams) to 8");
        InvalidSettingException.require(charMin == 0 || (charMax >= charMin && charMax <= 8), "charMax", charMax,
                "from charMin (" + charMin + ") to 8");
        InvalidSettingException.require(!targetCross || useTarget, "targetCross", true, "used with useTarget (the target as an input)");
        InvalidSettingException.require(minDf >= 1, "minDf", minDf, "at least 1");
        InvalidSettingException.require(Double.isFinite(articleContext) && articleContext >= 0 && articleContext <= 10, "articleContext",
                articleContext, "from 0 (none) to 10");
        InvalidSettingException.require(maxFeatures >= 1 && maxFeatures <= 20_000_000, "maxFeatures", maxFeatures, "from 1 to 20000000");
    }

    /** The same features with other character n-gram lengths. */
    public NgramConfig withCharRange(int min, int max) {
        return new NgramConfig(wordNgrams, min, max, stems, minDf, maxFeatures, useTarget, targetCross, articleContext);
    }

    /** The same features with another longest word n-gram. */
    public NgramConfig withWordNgrams(int n) {
        return new NgramConfig(n, charMin, charMax, stems, minDf, maxFeatures, useTarget, targetCross, articleContext);
    }

    /** The same features with or without light stems. */
    public NgramConfig withStems(boolean withStems) {
        return new NgramConfig(wordNgrams, charMin, charMax, withStems, minDf, maxFeatures, useTarget, targetCross, articleContext);
    }

    /** The same features with another minimum document frequency. */
    public NgramConfig withMinDf(int n) {
        return new NgramConfig(wordNgrams, charMin, charMax, stems, n, maxFeatures, useTarget, targetCross, articleContext);
    }

    /** The same features with another article-context weight. */
    public NgramConfig withArticleContext(double weight) {
        return new NgramConfig(wordNgrams, charMin, charMax, stems, minDf, maxFeatures, useTarget, targetCross, weight);
    }
}
