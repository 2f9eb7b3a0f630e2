package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.curation.DatasetSplitter;

/** Splits stay put: re-splitting changes nothing, adding a labeled batch moves no article, bad batches are refused. */
class DatasetAddTest {

    @TempDir
    Path dir;

    private Path copyOfDataset() throws Exception {
        Path ds = Files.createDirectories(dir.resolve("ds"));
        for (String f : List.of("sentences.csv", "train.csv", "dev.csv", "test.csv")) {
            Files.copy(TestData.DATASET.resolve(f), ds.resolve(f));
        }
        return ds;
    }

    private static Set<String> keys(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", 3)[0] + "#" + l.split(",", 3)[1]).collect(Collectors.toSet());
    }

    @Test
    void resplittingKeepsEveryArticleWhereItIs() throws Exception {
        Path ds = copyOfDataset();
        byte[] test = Files.readAllBytes(ds.resolve("test.csv"));
        assertEquals(0, CliRunner.run("dataset", "split", ds.toString()).code());
        assertArrayEquals(test, Files.readAllBytes(ds.resolve("test.csv")), "the test split is unchanged");
        assertEquals(DatasetSplitter.splitOf("some-article", 13, 10, 2, 1), DatasetSplitter.splitOf("some-article", 13, 10, 2, 1));
    }

    @Test
    void aLabeledBatchIsAddedWithoutMovingAnyArticle() throws Exception {
        Path ds = copyOfDataset();
        Set<String> testBefore = keys(ds.resolve("test.csv"));
        Set<String> devBefore = keys(ds.resolve("dev.csv"));
        List<String> batch = new ArrayList<>(List.of("article_id,sentence_id,source,target,stance,topic,text,reason,model_stance,model_stance_p"));
        for (int a = 0; a < 12; a++) {
            for (int s = 1; s <= 3; s++) {
                batch.add("new_" + a + "," + s + ",new/" + a + ".txt,iraq,neutral,presence,قال المسؤول في المقال " + a
                        + " إن القوات ستبقى في القاعدة رقم " + s + ".,uncertain,neutral,0.5");
            }
        }
        Path file = Files.write(dir.resolve("batch.csv"), batch);
        CliRunner.Result r = CliRunner.run("dataset", "add", file.toString(), "--dataset", ds.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(keys(ds.resolve("test.csv")).containsAll(testBefore) && keys(ds.resolve("dev.csv")).containsAll(devBefore), r.err());
        long placed = List.of("train.csv", "dev.csv", "test.csv").stream().mapToLong(f -> {
            try {
                return keys(ds.resolve(f)).stream().filter(k -> k.startsWith("new_")).count();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sum();
        assertEquals(36, placed, "every added row is in exactly one split");
        assertTrue(!Files.readString(ds.resolve("sentences.csv")).contains("model_stance"), "the suggest columns are dropped");
        CliRunner.Result again = CliRunner.run("dataset", "add", file.toString(), "--dataset", ds.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("batch.csv:2: article new_0 sentence 1 is already"), again.err());
        Path unlabeled = Files.write(dir.resolve("unlabeled.csv"), List.of(batch.get(0),
                "other,1,x.txt,iraq,,presence,قال المسؤول إن القوات ستبقى في العراق حتى العام المقبل.,uncertain,neutral,0.5"));
        CliRunner.Result empty = CliRunner.run("dataset", "add", unlabeled.toString(), "--dataset", ds.toString());
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("unlabeled.csv") && empty.err().contains("2"), empty.err());
    }
}
