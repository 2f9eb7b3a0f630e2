package org.stance.curation;

import org.stance.data.LabeledSentence;
import org.stance.data.GroupSplitter;
import org.stance.curation.DatasetLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a labeled dataset into fixed train/dev/test splits by article, stratified on one label
 * column as far as whole articles allow. The split is made of equal folds of {@code 1/folds} of
 * the data: {@code testFolds} of them form test, {@code devFolds} dev, the rest train. Authored
 * articles always go to train.
 */
public final class DatasetSplitter {

    private DatasetSplitter() {
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
