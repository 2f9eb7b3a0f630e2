package org.stance.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Splits sentences into folds by article, so that the sentences of one article never straddle
 * training and evaluation, while keeping each fold's label mix close to the whole (a greedy
 * stratified group k-fold, as scikit-learn's StratifiedGroupKFold does).
 */
public final class GroupSplitter {

    private GroupSplitter() {
    }

    /** The positions of each key in {@code keys} (an article's rows, a target's rows), keys in first-seen order. */
    public static Map<String, List<Integer>> positionsByGroup(List<String> keys) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            groups.computeIfAbsent(keys.get(i), g -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    /** The fold of authored rows: in no held-out fold, so trained on in every fold. */
    public static final int ALWAYS_TRAIN = -1;

    /**
     * Fold number (0..k-1) of every row, stratified on the labels of {@code task} (may be unlabeled).
     * Authored rows ({@link LabeledSentence#authored()}) get {@link #ALWAYS_TRAIN}: every held-out
     * part (dev, test, a cross-validation fold, inner folds) holds real text only, and the real rows
     * are folded exactly as they would be without the authored ones.
     */
    public static int[] folds(List<LabeledSentence> rows, String task, int k, long seed) {
        if (rows.stream().noneMatch(LabeledSentence::authored)) {
            return realFolds(rows, task, k, seed);
        }
        List<LabeledSentence> real = new ArrayList<>();
        for (LabeledSentence r : rows) {
            if (!r.authored()) {
                real.add(r);
            }
        }
        int[] realFold = realFolds(real, task, k, seed);
        int[] fold = new int[rows.size()];
        for (int i = 0, j = 0; i < rows.size(); i++) {
            fold[i] = rows.get(i).authored() ? ALWAYS_TRAIN : realFold[j++];
        }
        return fold;
    }

    private static int[] realFolds(List<LabeledSentence> rows, String task, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds");
        }
        Map<String, List<Integer>> groups = positionsByGroup(rows.stream().map(LabeledSentence::groupKey).toList());
        if (groups.size() < k) {
            throw new org.stance.UserError("cannot make " + k + " folds from " + groups.size() + " articles (of real text: authored articles are never held out)");
        }
        Map<String, Integer> labelIndex = new HashMap<>();
        for (LabeledSentence r : rows) {
            labelIndex.putIfAbsent(r.label(task), labelIndex.size());
        }
        int labels = labelIndex.size();
        double[] total = new double[labels];
        rows.forEach(r -> total[labelIndex.get(r.label(task))]++);

        List<String> order = new ArrayList<>(groups.keySet());
        Collections.shuffle(order, new Random(seed));
        // Articles rich in rare labels first: they are the hardest to spread evenly.
        Map<String, Double> rarity = new HashMap<>();
        for (String g : order) {
            double r = 0;
            for (int i : groups.get(g)) {
                r += 1.0 / total[labelIndex.get(rows.get(i).label(task))];
            }
            rarity.put(g, r);
        }
        order.sort((a, b) -> Double.compare(rarity.get(b), rarity.get(a)));

        // Folds are tried in a seeded order so that ties (all folds empty at the start) do not always
        // send the rarest articles to fold 0.
        List<Integer> foldOrder = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            foldOrder.add(f);
        }
        Collections.shuffle(foldOrder, new Random(seed + 1));
        double[][] foldCounts = new double[k][labels];
        int[] foldSize = new int[k];
        int[] fold = new int[rows.size()];
        for (String g : order) {
            double[] add = new double[labels];
            for (int i : groups.get(g)) {
                add[labelIndex.get(rows.get(i).label(task))]++;
            }
            int best = foldOrder.get(0);
            double bestCost = Double.MAX_VALUE;
            for (int f : foldOrder) {
                // The growth of the squared label shares (and sentence share) of the fold: it is
                // smallest where the article's labels are still scarce.
                double cost = 0;
                for (int l = 0; l < labels; l++) {
                    cost += grow(foldCounts[f][l] / total[l], add[l] / total[l]);
                }
                cost += labels * grow(foldSize[f] / (double) rows.size(), groups.get(g).size() / (double) rows.size());
                if (cost < bestCost) {
                    bestCost = cost;
                    best = f;
                }
            }
            for (int l = 0; l < labels; l++) {
                foldCounts[best][l] += add[l];
            }
            foldSize[best] += groups.get(g).size();
            for (int i : groups.get(g)) {
                fold[i] = best;
            }
        }
        return fold;
    }

    private static double grow(double share, double added) {
        return (share + added) * (share + added) - share * share;
    }

    /** Rows of the given fold, or of every other fold. */
    public static List<LabeledSentence> select(List<LabeledSentence> rows, int[] fold, int which, boolean inFold) {
        List<LabeledSentence> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if ((fold[i] == which) == inFold) {
                out.add(rows.get(i));
            }
        }
        return out;
    }
}
