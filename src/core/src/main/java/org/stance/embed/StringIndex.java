package org.stance.embed;

/**
 * Word → row index, read-only once built: an open-addressing table of row numbers with each
 * word's hash code beside it, so a lookup compares ints and touches two arrays instead of
 * following a {@code HashMap} node and boxing the result (the word lookups of vector pooling
 * were 8% of scoring). Thread-safe for reads.
 */
final class StringIndex {

    private final String[] words;
    private final int[] rows; // slot → row + 1; 0 = empty
    private final int[] codes; // slot → the word's hashCode
    private final int mask;
    private final int shift;

    /** Fails on a word that appears twice. */
    StringIndex(String[] words) {
        this.words = words;
        int capacity = Integer.highestOneBit(Math.max(4, words.length * 2 - 1)) << 1;
        rows = new int[capacity];
        codes = new int[capacity];
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        for (int i = 0; i < words.length; i++) {
            int code = words[i].hashCode();
            int slot = slot(code);
            while (rows[slot] != 0) {
                if (codes[slot] == code && words[rows[slot] - 1].equals(words[i])) {
                    throw new IllegalArgumentException("word '" + words[i] + "' appears twice in the vocabulary");
                }
                slot = (slot + 1) & mask;
            }
            rows[slot] = i + 1;
            codes[slot] = code;
        }
    }

    /** The word's row, or -1. */
    int indexOf(String word) {
        int code = word.hashCode();
        int slot = slot(code);
        int row;
        while ((row = rows[slot]) != 0) {
            if (codes[slot] == code && words[row - 1].equals(word)) {
                return row - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(int code) {
        return (code * 0x9E3779B9) >>> shift; // Fibonacci hashing: the product's top bits spread String.hashCode's
    }
}
