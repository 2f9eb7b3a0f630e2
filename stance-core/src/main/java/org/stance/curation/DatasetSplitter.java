package org.stance.curation;

import org.stance.data.LabeledSentence;
import org.stance.data.GroupSplitter;
import org.stance.curation.DatasetLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stance.UserError;

/**
 * Cuts a labeled dataset into fixed train/dev/test splits by article, stratified on one label
 * column as far as whole articles allow. The split is made of equal folds of {@code 1/folds} of
 * the data: {@code testFolds} of them form test, {@code devFolds} dev, the rest train.
 */
public final class DatasetSplitter {

    private DatasetSplitter() {
    }

    public static Map<String, List<LabeledSentence>> split(List<LabeledSentence> rows, String stratify, int folds, int testFolds,
                                                           int devFolds, long seed) {
        if (testFolds < 1 || devFolds < 1 || testFolds + devFolds >= folds) {
            throw new UserError("cannot split " + folds + " folds into " + testFolds + " test and " + devFolds + " dev folds and a train part");
        }
        int[] fold = GroupSplitter.folds(rows, stratify, folds, seed);
        int[] splitOfFold = new int[folds];
        for (int f = 0; f < folds; f++) {
            splitOfFold[f] = f < testFolds ? 2 : f < testFolds + devFolds ? 1 : 0;
        }
        Map<String, List<LabeledSentence>> out = new LinkedHashMap<>();
        for (int s = 0; s < DatasetLayout.SPLITS.size(); s++) {
            final int which = s;
            out.put(DatasetLayout.SPLITS.get(s), java.util.stream.IntStream.range(0, rows.size())
                    .filter(i -> splitOfFold[fold[i]] == which).mapToObj(rows::get).toList());
        }
        return out;
    }
}
