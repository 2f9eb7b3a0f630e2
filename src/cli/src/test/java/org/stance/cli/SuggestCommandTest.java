package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;
import org.stance.data.LabeledSentence;

class SuggestCommandTest {

    @TempDir
    Path dir;

    static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text)).getRecords();
    }

    @Test
    void picksUnlabeledSentencesSpreadOverArticlesWithTheLabelsEmpty() throws IOException {
        List<LabeledSentence> seeds = TestData.split("train").stream().filter(r -> r.source().startsWith("seeds/")).toList();
        Path excluded = dir.resolve("labeled.csv");
        DatasetWriter.write(excluded, seeds.subList(0, 20));
        CliRunner.Result r = CliRunner.run("suggest", "-m", TestModels.small().toString(), TestData.SEEDS.toString(), "-n", "12",
                "--per-article", "3", "--exclude", excluded.toString());
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> rows = csv(r.out());
        assertEquals(12, rows.size());
        Set<String> excludedTexts = new HashSet<>();
        seeds.subList(0, 20).forEach(s -> excludedTexts.add(s.text()));
        Map<String, Integer> perArticle = new HashMap<>();
        for (CSVRecord row : rows) {
            assertEquals("", row.get("stance") + row.get("topic") + row.get("target"), "labels are never pre-filled");
            assertFalse(row.get("reason").isEmpty());
            assertFalse(row.get("model_stance").isEmpty());
            assertFalse(excludedTexts.contains(row.get("text")), "already labeled: " + row.get("text"));
            perArticle.merge(row.get("article_id"), 1, Integer::sum);
        }
        assertTrue(perArticle.values().stream().allMatch(c -> c <= 3), perArticle.toString());
    }

    @Test
    void nearDuplicatesArePickedOnce() throws IOException {
        Path prepared = dir.resolve("prepared.csv");
        String sentence = "ويقول الخبير إن الولايات المتحدة لا تريد الانسحاب من العراق";
        Files.writeString(prepared, "article_id,sentence_id,text\na1,1," + sentence + "\na2,1," + sentence + " فعلا\na3,1," + sentence + "\n");
        CliRunner.Result r = CliRunner.run("suggest", "-m", TestModels.small().toString(), "--prepared", prepared.toString(), "-n", "3");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, csv(r.out()).size(), r.out());
        assertEquals(2, CliRunner.run("suggest", "-m", TestModels.small().toString(), "-n", "3").code(), "no input is a usage error");
    }
}
