package org.stance.embed;

import java.util.List;

/**
 * How much of a text collection the embeddings cover, counted over tokens (running words).
 *
 * @param tokens      tokens counted
 * @param inVocabulary tokens with a vector of their own
 * @param bySubwords  out-of-vocabulary tokens that get a vector from the subword fallback
 */
public record Coverage(long tokens, long inVocabulary, long bySubwords) {

    /** Counts the tokens of lines of space-separated tokens (see {@link TrainingCorpus#lines()}). */
    public static Coverage of(WordEmbeddings embeddings, List<String> tokenLines) {
        long tokens = 0;
        long known = 0;
        long fallback = 0;
        for (String line : tokenLines) {
            for (String t : line.split(" ")) {
                if (t.isEmpty()) {
                    continue;
                }
                tokens++;
                if (embeddings.contains(t)) {
                    known++;
                } else if (embeddings.subwordVector(t).isPresent()) {
                    fallback++;
                }
            }
        }
        return new Coverage(tokens, known, fallback);
    }

    /** Share of tokens without a vector of their own. */
    public double oovRate() {
        return tokens == 0 ? 0 : 1 - (double) inVocabulary / tokens;
    }

    /** Share of tokens left without any vector once the subword fallback is used. */
    public double oovRateWithSubwords() {
        return tokens == 0 ? 0 : 1 - (double) (inVocabulary + bySubwords) / tokens;
    }

    @Override
    public String toString() {
        return String.format("%,d tokens: OOV %.1f%% without subwords, %.1f%% with subwords", tokens, 100 * oovRate(),
                100 * oovRateWithSubwords());
    }
}
