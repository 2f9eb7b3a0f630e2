package org.stance.features;

import java.util.ArrayList;
import java.util.List;
import org.stance.text.Tokenizer;

/**
 * Turns the tokens of one normalised sentence into n-gram feature strings. Three groups, each
 * later weighted and normalised on its own (as a union of vectorisers is in scikit-learn): word
 * n-grams (with stems), character n-grams, and the target copies of both.
 */
final class NgramExtractor {

    static final int WORD_GROUP = 0;
    static final int CHAR_GROUP = 1;
    static final int GROUPS = 2;

    private final NgramConfig config;

    NgramExtractor(NgramConfig config) {
        this.config = config;
    }

    /** Feature strings by group; a string's first character encodes its group and kind. */
    List<List<String>> extract(List<String> tokens, String givenTarget) {
        String target = config.useTarget() ? givenTarget : "";
        List<String> words = new ArrayList<>();
        for (int n = 1; n <= config.wordNgrams(); n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                words.add("w" + String.join(" ", tokens.subList(i, i + n)));
            }
        }
        if (config.stems()) {
            for (String t : tokens) {
                String stem = Tokenizer.stem(t);
                if (!stem.equals(t)) {
                    words.add("s" + stem);
                }
            }
        }
        List<String> chars = new ArrayList<>();
        if (config.charMin() > 0) {
            for (String t : tokens) {
                String padded = " " + t + " ";
                for (int n = config.charMin(); n <= config.charMax(); n++) {
                    for (int i = 0; i + n <= padded.length(); i++) {
                        chars.add("c" + padded.substring(i, i + n));
                    }
                }
            }
        }
        if (config.targetCross() && !target.isEmpty()) {
            int w = words.size();
            for (int i = 0; i < w; i++) {
                words.add(target + "|" + words.get(i));
            }
            int c = chars.size();
            for (int i = 0; i < c; i++) {
                chars.add(target + "|" + chars.get(i));
            }
        }
        if (!target.isEmpty()) {
            words.add("t" + target);
        }
        return List.of(words, chars);
    }
}
