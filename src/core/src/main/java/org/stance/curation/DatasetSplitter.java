package org.stance.curation;

import org.stance.data.LabeledSentence;
import org.stance.data.GroupSplitter;
import org.stance.curation.DatasetLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a labeled dataset into fixed train/dev/test splits by article. {@link #split} cuts all of it
 * afresh, stratified on one label column as far as whole articles allow: equal folds of
 * {@code 1/folds} of the data, {@code testFolds} of them test, {@code devFolds} dev, the rest train.
 * {@link #extend} keeps every article where it is and places only new articles, each by a hash of
 * its id with the seed ({@link #splitOf}), so that adding data never moves the test set. Authored
 * articles always go to train.
 */
public final class DatasetSplitter {

    private DatasetSplitter() {
    }

    /** The split of an article new to the dataset: a function of its id and the seed alone (SHA-256), in the folds' proportions. */
    public static String splitOf(String articleKey, long seed, int folds, int testFolds, int devFolds) {
        byte[] h = org.stance.io.Hashes.sha256(seed + ":" + articleKey).substring(0, 15).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long value = Long.parseLong(new String(h, java.nio.charset.StandardCharsets.US_ASCII), 16);
        long fold = Math.floorMod(value, folds);
        return DatasetLayout.SPLITS.get(fold < testFolds ? 2 : fold < testFolds + devFolds ? 1 : 0);
    }

    /**
     * The splits of {@code rows}: an article already in a split ({@code existing}: article key →
     * split name) stays there with all its rows, old and new; a new one goes where
     * {@link #splitOf} puts it (train when authored).
     */
    public static Map<String, List<LabeledSentence>> extend(List<LabeledSentence> rows, Map<String, String> existing, int folds, int testFolds,
                                                            int devFolds, long seed) {
        Map<String, List<LabeledSentence>> out = new LinkedHashMap<>();
        DatasetLayout.SPLITS.forEach(s -> out.put(s, new java.util.ArrayList<>()));
        for (LabeledSentence r : rows) {
            String split = existing.get(r.groupKey());
            if (split == null) {
                split = r.authored() ? "train" : splitOf(r.groupKey(), seed, folds, testFolds, devFolds);
            }
            out.get(split).add(r);
        }
        return out;
    }

    public static Map<String, List<LabeledSentence>> split(List<LabeledSentence> rows, String stratify, int folds, int testFolds,
                                                           int devFolds, long seed) {
        org.stance.InvalidSettingException.require(folds >= 3 && folds <= 1000, "folds", folds, "from 3 to 1000");
        org.stance.InvalidSettingException.require(testFolds >= 1, "testFolds", testFolds, "at least 1");
        org.stance.InvalidSettingException.require(devFolds >= 1, "devFolds", devFolds, "at least 1");
        org.stance.InvalidSettingException.require(testFolds + devFolds < folds, "testFolds", testFolds,
                "small enough that test (" + testFolds + ") and dev (" + devFolds + ") folds leave a train part of the " + folds);
        int[] fold = GroupSplitter.folds(rows, stratify, folds, seed);
        int[] splitOfFold = new int[folds];
        for (int f = 0; f < folds; f++) {
            splitOfFold[f] = f < testFolds ? 2 : f < testFolds + devFolds ? 1 : 0;
        }
        Map<String, List<LabeledSentence>> out = new LinkedHashMap<>();
        for (int s = 0; s < DatasetLayout.SPLITS.size(); s++) {
            final int which = s;
            out.put(DatasetLayout.SPLITS.get(s), java.util.stream.IntStream.range(0, rows.size())
                    .filter(i -> (fold[i] == GroupSplitter.ALWAYS_TRAIN ? 0 : splitOfFold[fold[i]]) == which).mapToObj(rows::get).toList());
        }
        return out;
    }
}
