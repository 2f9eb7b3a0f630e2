package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;
import org.stance.data.LabeledSentence;

/** score reads CSV and JSON-lines files by their columns, as the Spark job does, and keeps their ids. */
class TableInputTest {

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> records(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /** A labeled CSV scored as articles gives each row the label evaluate counted for it. */
    @Test
    void aDatasetCsvIsScoredByArticleAsEvaluateScoresIt() throws Exception {
        Path csv = dir.resolve("rows.csv");
        List<LabeledSentence> rows = TestData.head("test", 80);
        DatasetWriter.write(csv, rows);
        String model = TestModels.small().toString();
        CliRunner.Result scored = CliRunner.run("score", "-m", model, csv.toString(), "--format", "jsonl");
        assertEquals(0, scored.code(), scored.err());
        Path predictions = dir.resolve("predictions.csv");
        assertEquals(0, CliRunner.run("evaluate", "-m", model, csv.toString(), "--predictions", predictions.toString()).code());
        Map<String, String> evaluated = new HashMap<>();
        for (String line : Files.readAllLines(predictions).subList(1, rows.size() + 1)) {
            String[] cells = line.split(",");
            evaluated.put(cells[0] + "#" + cells[1], cells[3]);
        }
        int sentences = 0;
        long articles = rows.stream().map(LabeledSentence::articleId).distinct().count();
        for (JsonNode r : records(scored.out())) {
            if (r.get("type").asText().equals("sentence")) {
                String key = r.get("article_id").asText() + "#" + r.get("sentence_id").asInt();
                assertEquals(evaluated.get(key), r.get("stance").get("label").asText(), key);
                sentences++;
            }
        }
        assertEquals(rows.size(), sentences, "one record per row, not segmented again");
        assertEquals(articles, records(scored.out()).stream().filter(r -> r.get("type").asText().equals("article")).count());
    }

    @Test
    void jsonLinesRowsAreArticlesWithTheirIdsAndCsvRowsAreSentencesWithTheirs() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("articles.jsonl"),
                "{\"id\": \"x1\", \"text\": \"قال المسؤول إن القوات الأمريكية ستبقى في العراق حتى نهاية العام.\"}\n"
                        + "{\"id\": \"x2\", \"body\": \"طالب البرلمان بانسحاب القوات الأجنبية.\", \"text\": \"طالب البرلمان بانسحاب القوات الأجنبية من البلاد فورا.\"}\n");
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), jsonl.toString(), "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("x1", "x2"), records(r.out()).stream().filter(n -> n.get("type").asText().equals("article"))
                .map(n -> n.get("article_id").asText()).toList());
        Path csv = Files.writeString(dir.resolve("lines.csv"), "doc,body\nd7,قال المسؤول إن القوات ستبقى.\nd8,طالب البرلمان بالانسحاب.\n");
        CliRunner.Result lines = CliRunner.run("score", "-m", TestModels.small().toString(), csv.toString(), "--sentences", "--text-column", "body",
                "--id-column", "doc", "--format", "jsonl");
        assertEquals(0, lines.code(), lines.err());
        assertEquals(List.of("d7", "d8"), records(lines.out()).stream().map(n -> n.get("article_id").asText()).toList());
    }

    @Test
    void aTableWithoutItsTextColumnIsRefusedInOneLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("no-text.csv"), "a,b\n1,2\n");
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), csv.toString());
        assertEquals(1, r.code());
        assertEquals("stance: error: " + csv + ":1: no 'text' column (columns: a, b); name the text column with --text-column", r.err().strip());
        Path jsonl = Files.writeString(dir.resolve("broken.jsonl"), "{\"id\": 1, \"text\": \"نص\"}\n{\"id\": 2, \"text\": \n");
        CliRunner.Result broken = CliRunner.run("score", "-m", TestModels.small().toString(), jsonl.toString());
        assertEquals(1, broken.code());
        assertTrue(broken.err().startsWith("stance: error: " + jsonl + ":2: not a JSON object"), broken.err());
    }

    @Test
    void topKShapesTheCsvOutput() throws Exception {
        Path csv = Files.writeString(dir.resolve("lines.csv"), "id,text\nd1,قال المسؤول إن القوات ستبقى في العراق.\n");
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), csv.toString(), "--sentences", "--format", "csv",
                "--top-k", "2");
        assertEquals(0, r.code(), r.err());
        String header = r.out().lines().findFirst().orElseThrow();
        assertTrue(header.endsWith(",stance_2,stance_2_probability,topic_2,topic_2_probability"), header);
        String[] cells = r.out().lines().skip(1).findFirst().orElseThrow().split(",");
        assertTrue(Double.parseDouble(cells[5]) >= Double.parseDouble(cells[11]), "rank 2 is below rank 1");
        CliRunner.Result all = CliRunner.run("score", "-m", TestModels.small().toString(), csv.toString(), "--sentences", "--format", "csv");
        assertTrue(all.out().lines().findFirst().orElseThrow().contains("p_stance_neutral"), "without --top-k: every label's column");
    }

    @Test
    void twoTablesWithoutIdsAreScoredTogether() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "text\nقال المسؤول إن القوات ستبقى في العراق حتى العام المقبل.\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "text\nطالب البرلمان بانسحاب القوات الأجنبية من البلاد فورا.\n");
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), a.toString(), b.toString(), "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("a-row-2", "b-row-2"), records(r.out()).stream().filter(n -> n.get("type").asText().equals("article"))
                .map(n -> n.get("article_id").asText()).toList());
    }
}
