package org.stance.features;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.stance.text.ArabicNormalizer;
import org.stance.text.Tokenizer;

/**
 * Counts, for every n-gram hash, the training sentences it occurs in, without boxing: an
 * open-addressing table of hash → (count, group) that grows as needed. Sentences are tokenised
 * and their n-grams deduplicated in parallel, 1,024 at a time; the counts are merged on one
 * thread. On ANT's 23k news articles this is what fitting the vocabulary costs, since they hold
 * millions of distinct n-grams.
 */
final class DocumentFrequencies {

    private static final int CHUNK = 1024;

    // keys as LongIntMap stores them (LongIntMap.EMPTY marks a free slot), with the same probing
    private long[] keys = new long[1 << 16];
    private int[] counts = new int[1 << 16];
    private byte[] groups = new byte[1 << 16];
    private int size;

    static DocumentFrequencies count(List<String> texts, List<String> targets, ArabicNormalizer normalizer, NgramExtractor extractor) {
        return countTokens(texts.stream().map(t -> Tokenizer.tokenize(normalizer.normalize(t))).toList(), targets, extractor);
    }

    /** As {@link #count}, from sentences already normalised and tokenised. */
    static DocumentFrequencies countTokens(List<List<String>> tokens, List<String> targets, NgramExtractor extractor) {
        DocumentFrequencies df = new DocumentFrequencies();
        for (int from = 0; from < tokens.size(); from += CHUNK) {
            int to = Math.min(tokens.size(), from + CHUNK);
            List<long[][]> chunk = IntStream.range(from, to).parallel()
                    .mapToObj(i -> distinctNgrams(extractor, tokens.get(i), targets.get(i)))
                    .toList();
            chunk.forEach(df::addSentence);
        }
        return df;
    }

    /** The sentence's distinct n-gram hashes, one sorted array per feature group. */
    private static long[][] distinctNgrams(NgramExtractor extractor, List<String> tokens, String target) {
        long[][] found = new long[NgramExtractor.GROUPS][64];
        int[] n = new int[NgramExtractor.GROUPS];
        extractor.extract(tokens, target, (g, h) -> {
            if (n[g] == found[g].length) {
                found[g] = Arrays.copyOf(found[g], n[g] * 2);
            }
            found[g][n[g]++] = h;
        });
        long[][] out = new long[NgramExtractor.GROUPS][];
        for (int g = 0; g < out.length; g++) {
            long[] a = found[g];
            Arrays.sort(a, 0, n[g]);
            int u = 0;
            for (int i = 0; i < n[g]; i++) {
                if (u == 0 || a[i] != a[u - 1]) {
                    a[u++] = a[i];
                }
            }
            out[g] = Arrays.copyOf(a, u);
        }
        return out;
    }

    private void addSentence(long[][] byGroup) {
        for (int g = 0; g < byGroup.length; g++) {
            for (long h : byGroup[g]) {
                add(h, g);
            }
        }
    }

    private void add(long hash, int group) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        long key = LongIntMap.stored(hash);
        int mask = keys.length - 1;
        int slot = LongIntMap.slot(key, mask);
        while (keys[slot] != LongIntMap.EMPTY) {
            if (keys[slot] == key) {
                counts[slot]++;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        counts[slot] = 1;
        groups[slot] = (byte) group;
        size++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        byte[] oldGroups = groups;
        keys = new long[oldKeys.length * 2];
        counts = new int[keys.length];
        groups = new byte[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != LongIntMap.EMPTY) {
                int slot = LongIntMap.slot(oldKeys[i], mask);
                while (keys[slot] != LongIntMap.EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
                groups[slot] = oldGroups[i];
            }
        }
    }

    /** Hash, count and group of the n-grams in at least minDf sentences: most frequent first, ties by hash. */
    Kept mostFrequent(int minDf, int limit) {
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != LongIntMap.EMPTY && counts[i] >= minDf) {
                n++;
            }
        }
        long[] hash = new long[n];
        int[] count = new int[n];
        byte[] group = new byte[n];
        int j = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != LongIntMap.EMPTY && counts[i] >= minDf) {
                hash[j] = LongIntMap.original(keys[i]);
                count[j] = counts[i];
                group[j++] = groups[i];
            }
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a]) : Long.compare(hash[a], hash[b]));
        int kept = Math.min(n, limit);
        Kept out = new Kept(new long[kept], new int[kept], new int[kept]);
        for (int i = 0; i < kept; i++) {
            out.hashes()[i] = hash[order[i]];
            out.counts()[i] = count[order[i]];
            out.groups()[i] = group[order[i]];
        }
        return out;
    }

    record Kept(long[] hashes, int[] counts, int[] groups) {
    }
}
