package org.stance.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's prediction: the top label, its probability, and every label's probability, most
 * probable first.
 */
public record LabelScores(String label, double probability, Map<String, Double> probabilities) {

    public LabelScores {
        probabilities = probabilities instanceof Ranked ? probabilities
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    /** From a probability row over labels in model order. */
    public static LabelScores of(List<String> labels, float[] probs) {
        // Insertion sort of a handful of label indices: called twice per sentence, where a boxed
        // comparator sort showed in the scoring profile.
        int[] order = new int[labels.size()];
        for (int i = 0; i < order.length; i++) {
            int j = i;
            while (j > 0 && before(i, order[j - 1], labels, probs)) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        String[] ranked = new String[order.length];
        double[] values = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            ranked[k] = labels.get(order[k]);
            values[k] = round(probs[order[k]]);
        }
        return new LabelScores(ranked[0], values[0], new Ranked(ranked, values));
    }

    /**
     * The probabilities as {@link #of} ranks them: an unmodifiable map over two arrays, in rank
     * order. Two scores per sentence, each copied into linked hash maps twice, had been a tenth of
     * in-process scoring; a handful of labels needs no hashing.
     */
    private static final class Ranked extends java.util.AbstractMap<String, Double> {
        private final String[] labels;
        private final double[] values;

        Ranked(String[] labels, double[] values) {
            this.labels = labels;
            this.values = values;
        }

        @Override
        public Double get(Object key) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public java.util.Set<Entry<String, Double>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Entry<String, Double>> iterator() {
                    return new java.util.Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < labels.length;
                        }

                        @Override
                        public Entry<String, Double> next() {
                            if (next >= labels.length) {
                                throw new java.util.NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(labels[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return labels.length;
                }
            };
        }
    }

    /** Label a ranks before label b: more probable, or as probable and first in alphabetical order. */
    private static boolean before(int a, int b, List<String> labels, float[] probs) {
        return probs[a] != probs[b] ? probs[a] > probs[b] : labels.get(a).compareTo(labels.get(b)) < 0;
    }

    /** The k most probable labels only. */
    public LabelScores top(int k) {
        Map<String, Double> map = new LinkedHashMap<>();
        probabilities.entrySet().stream().limit(k).forEach(e -> map.put(e.getKey(), e.getValue()));
        return new LabelScores(label, probability, map);
    }

    /**
     * A probability as text for the score files: 0.0004, never Java's 4.0E-4 (which spreadsheets,
     * pandas and strict JSON readers take differently); 1.0 and 0.0 keep their point, so a reader
     * sees a decimal every time.
     */
    public static String plain(double p) {
        if (!Double.isFinite(p)) {
            return String.valueOf(p); // never from a model (probabilities are finite); kept visible rather than thrown
        }
        // Scores carry four decimals (round): written from the integer k = 10,000 p without a
        // BigDecimal per number, the text BigDecimal would give. Other values take BigDecimal's way.
        long k = Math.round(p * 10000.0);
        if (k >= 0 && k <= 10000 && k / 10000.0 == p) {
            return fourDecimals(k);
        }
        String s = java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    private static String fourDecimals(long k) {
        if (k % 10000 == 0) {
            return k / 10000 + ".0";
        }
        long fraction = k % 10000;
        int digits = 4;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        String f = Long.toString(fraction);
        return k / 10000 + "." + "000".substring(0, digits - f.length()) + f;
    }

    /** Probabilities carry 4 decimals: more would only show float noise. */
    static double round(double p) {
        return Math.round(p * 10000.0) / 10000.0;
    }
}
