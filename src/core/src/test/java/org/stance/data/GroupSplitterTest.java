package org.stance.data;

import org.stance.curation.DatasetSplitter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stance.TestData;

class GroupSplitterTest {

    @Test
    void articlesNeverStraddleFoldsAndFoldsAreBalanced() {
        List<LabeledSentence> rows = TestData.split("train");
        int[] fold = GroupSplitter.folds(rows, "stance", 5, 1);
        Map<String, Integer> foldOf = new HashMap<>();
        int[] sizes = new int[5];
        long real = rows.stream().filter(r -> !r.authored()).count();
        for (int i = 0; i < rows.size(); i++) {
            Integer before = foldOf.putIfAbsent(rows.get(i).articleId(), fold[i]);
            assertTrue(before == null || before == fold[i], "article split across folds: " + rows.get(i).articleId());
            if (rows.get(i).authored()) {
                assertEquals(GroupSplitter.ALWAYS_TRAIN, fold[i], "authored rows are never held out");
            } else {
                sizes[fold[i]]++;
            }
        }
        for (int s : sizes) {
            assertTrue(s > real / 10, "fold too small: " + java.util.Arrays.toString(sizes));
        }
        assertArrayEquals(fold, GroupSplitter.folds(rows, "stance", 5, 1), "same seed, same folds");
    }

    @Test
    void splitterGivesDisjointTrainDevTest() {
        List<LabeledSentence> rows = TestData.split("train");
        Map<String, List<LabeledSentence>> parts = DatasetSplitter.split(rows, "stance", 10, 2, 1, 3);
        assertEquals(rows.size(), parts.values().stream().mapToInt(List::size).sum());
        Map<String, String> seen = new HashMap<>();
        parts.forEach((name, part) -> part.forEach(r -> {
            String before = seen.putIfAbsent(r.articleId(), name);
            assertTrue(before == null || before.equals(name));
        }));
    }
}
