package org.stance.features;

import java.util.List;
import org.stance.text.Tokenizer;

/**
 * Walks the n-gram features of one tokenised sentence and hands each to a {@link Sink} as a
 * 64-bit hash of its text, without building a string per n-gram: scoring looks up hundreds of
 * n-grams per sentence, and allocating them dominated its cost. The hash is FNV-1a over the
 * feature's characters — a kind prefix ('w' word n-gram, 's' stem, 'c' character n-gram,
 * 't' target), then the n-gram itself — so equal text gives equal hash in training and scoring.
 * With 64 bits, two features of a 200,000-feature vocabulary collide with probability ~1e-9.
 */
final class NgramExtractor {

    static final int WORD_GROUP = 0;
    static final int CHAR_GROUP = 1;
    static final int GROUPS = 2;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** Receives features. */
    interface Sink {
        void accept(int group, long hash);
    }

    /** Receives a feature's readable description (for explanations only: the scoring path builds no text). */
    interface Namer {
        void name(long hash, String description);
    }

    private final NgramConfig config;

    NgramExtractor(NgramConfig config) {
        this.config = config;
    }

    void extract(List<String> tokens, String givenTarget, Sink sink) {
        extract(tokens, givenTarget, sink, null);
    }

    /** The same walk, naming every feature too (when {@code namer} is not null). */
    void extract(List<String> tokens, String givenTarget, Sink sink, Namer namer) {
        grams(tokens, FNV_OFFSET, sink, namer, "");
        if (crossesTarget(givenTarget)) {
            // "target|" followed by the feature: every feature again, learned per target.
            grams(tokens, crossedSeed(givenTarget), sink, namer, "[" + givenTarget + "] ");
        }
        if (readsTarget(givenTarget)) {
            long h = targetFeature(givenTarget);
            sink.accept(WORD_GROUP, h);
            if (namer != null) {
                namer.name(h, "target " + givenTarget);
            }
        }
    }

    /** Every feature of the tokens under one seed: phrases, then each token's own. */
    void grams(List<String> tokens, long seed, Sink sink, Namer namer, String prefix) {
        phrases(tokens, seed, sink, namer, prefix);
        for (String t : tokens) {
            tokenGrams(t, seed, sink, namer, prefix);
        }
    }

    /** The seed of the features {@link #extract} gives a sentence without a crossed target. */
    static long plainSeed() {
        return FNV_OFFSET;
    }

    /** True when {@link #extract} adds target-crossed copies of the features (then they follow the plain ones). */
    boolean crossesTarget(String givenTarget) {
        return readsTarget(givenTarget) && config.targetCross();
    }

    /** Word n-grams of two words or more: the features that depend on a token's neighbours. */
    void phrases(List<String> tokens, long seed, Sink sink, Namer namer, String prefix) {
        long wordSeed = step(seed, 'w');
        for (int n = 2; n <= config.wordNgrams(); n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                long h = wordSeed;
                for (int j = i; j < i + n; j++) {
                    if (j > i) {
                        h = step(h, ' ');
                    }
                    h = hash(h, tokens.get(j));
                }
                sink.accept(WORD_GROUP, h);
                if (namer != null) {
                    namer.name(h, prefix + "words " + String.join(" ", tokens.subList(i, i + n)));
                }
            }
        }
    }

    /**
     * The features of one token on its own: the word, its stem and its character n-grams. They
     * depend on nothing else, so a featurizer may remember them per token.
     */
    void tokenGrams(String t, long seed, Sink sink, Namer namer, String prefix) {
        if (config.wordNgrams() >= 1) {
            long h = hash(step(seed, 'w'), t);
            sink.accept(WORD_GROUP, h);
            if (namer != null) {
                namer.name(h, prefix + "word " + t);
            }
        }
        if (config.stems()) {
            String stem = Tokenizer.stem(t);
            if (!stem.equals(t)) {
                long h = hash(step(seed, 's'), stem);
                sink.accept(WORD_GROUP, h);
                if (namer != null) {
                    namer.name(h, prefix + "stem " + stem + " (of " + t + ")");
                }
            }
        }
        if (config.charMin() > 0) {
            long charSeed = step(seed, 'c');
            // n-grams of " token " (word boundaries marked by spaces), read without building the padded string
            // FNV is computed prefix by prefix, so the n-grams starting at i share one pass.
            int padded = t.length() + 2;
            for (int i = 0; i + config.charMin() <= padded; i++) {
                long h = charSeed;
                int end = Math.min(padded, i + config.charMax());
                for (int k = i; k < end; k++) {
                    h = step(h, k == 0 || k == padded - 1 ? ' ' : t.charAt(k - 1));
                    if (k - i + 1 >= config.charMin()) {
                        sink.accept(CHAR_GROUP, h);
                        if (namer != null) {
                            String padded2 = " " + t + " ";
                            namer.name(h, prefix + "chars '" + padded2.substring(i, k + 1).replace(' ', '_') + "' of " + t);
                        }
                    }
                }
            }
        }
    }

    /** True when {@link #extract} ends with a target feature (a model reading targets, a target given). */
    boolean readsTarget(String givenTarget) {
        return config.useTarget() && !givenTarget.isEmpty();
    }

    /** The hash of the target feature (when {@link #readsTarget}). */
    static long targetFeature(String target) {
        return hash(step(FNV_OFFSET, 't'), target);
    }

    /** The seed of the target-crossed copies. */
    static long crossedSeed(String target) {
        return step(hash(FNV_OFFSET, target), '|');
    }

    static long hash(long h, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            h = step(h, s.charAt(i));
        }
        return h;
    }

    static long step(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }
}
