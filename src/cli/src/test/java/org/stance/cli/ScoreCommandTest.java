package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;

class ScoreCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SEED = TestData.SEEDS.resolve("003_8b30ea1d89039507.txt").toString();

    @TempDir
    Path dir;

    private static String model() {
        return TestModels.small().toString();
    }

    private static List<JsonNode> jsonl(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void jsonlHasEverySentenceThenTheArticleVerdict() throws IOException {
        CliRunner.Result r = CliRunner.run("score", "-m", model(), "--format", "jsonl", SEED);
        assertEquals(0, r.code(), r.err());
        List<JsonNode> records = jsonl(r.out());
        assertEquals(14, records.size());
        JsonNode first = records.get(0);
        assertEquals("sentence", first.path("type").asText());
        assertEquals("003_8b30ea1d89039507", first.path("article_id").asText());
        assertFalse(first.path("text").asText().isEmpty());
        assertTrue(first.path("stance").path("probability").isNumber());
        assertEquals(4, first.path("stance").path("probabilities").size());
        assertEquals(6, first.path("topic").path("probabilities").size());
        JsonNode article = records.get(13);
        assertEquals("article", article.path("type").asText());
        assertTrue(article.path("stance").path("label").isTextual());
        assertTrue(r.err().contains("scored 13 sentences"));
    }

    @Test
    void theShippedModelScoresASeedArticleByDefault() throws IOException {
        CliRunner.Result r = CliRunner.run("score", "--format", "jsonl", SEED);
        assertEquals(0, r.code(), r.err());
        List<JsonNode> records = jsonl(r.out());
        assertEquals(14, records.size());
        JsonNode article = records.get(13);
        assertEquals("article", article.path("type").asText());
        assertTrue(List.of("neutral", "pro_withdrawal", "skeptical", "status_quo").contains(article.path("stance").path("label").asText()));
        assertEquals(13, records.stream().filter(n -> n.path("topic").path("label").isTextual()).count());
        // probabilities as plain decimals, small ones too (this article has some below 0.001): never Java's 4.0E-4
        assertTrue(r.out().matches("(?s).*\":0\\.000[1-9].*"), "a probability below 0.001, written plainly");
        assertFalse(r.out().matches("(?s).*\":[0-9.]+E-?[0-9].*"), r.out());
        for (JsonNode record : records) {
            record.path("stance").path("probabilities").forEach(p -> assertTrue(p.isDouble(), "a decimal: " + p));
        }
    }

    /** bench-score measures on real sentences and prints its figures (never asserted as speeds: only that they were measured). */
    @Test
    void benchScorePrintsItsFigures() throws IOException {
        CliRunner.Result r = CliRunner.run("bench-score", "-m", model(), TestData.REPO.resolve("datasets/iraq-presence/dev.csv").toString(),
                "--min-sentences", "500", "--rounds", "2", "--latency-calls", "20", "--threads", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode figures = new ObjectMapper().readTree(r.out());
        assertTrue(figures.path("sentences").asInt() >= 500, r.out());
        assertTrue(figures.path("loadSeconds").asDouble() > 0 && figures.path("firstResultSeconds").asDouble() >= figures.path("loadSeconds").asDouble(),
                r.out());
        assertTrue(figures.path("batchSlowest").asDouble() > 0 && figures.path("batchSlowest").asDouble() <= figures.path("batchFastest").asDouble(),
                r.out());
        assertEquals(2, figures.path("threads").asInt());
        assertTrue(r.err().contains("round 2 of 2"), r.err());
    }

    @Test
    void topKLimitsTheProbabilitiesShown() throws IOException {
        CliRunner.Result r = CliRunner.run("score", "-m", model(), "--format", "jsonl", "--top-k", "2", SEED);
        JsonNode first = jsonl(r.out()).get(0);
        assertEquals(2, first.path("stance").path("probabilities").size());
        assertEquals(2, first.path("topic").path("probabilities").size());
    }

    @Test
    void fieldsCutTheRecordsToWhatIsNamed() throws IOException {
        CliRunner.Result r = CliRunner.run("score", "-m", model(), "--format", "jsonl", "--fields", "stance", SEED);
        assertEquals(0, r.code(), r.err());
        List<JsonNode> records = jsonl(r.out());
        JsonNode first = records.get(0);
        List<String> names = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("type", "article_id", "sentence_id", "stance"), names);
        assertEquals(2, first.path("stance").size(), "label and probability, no probabilities: " + first);
        JsonNode verdict = records.get(records.size() - 1);
        assertEquals("article", verdict.path("type").asText());
        assertTrue(verdict.has("stance") && !verdict.has("evidence") && !verdict.has("source"), verdict.toString());
        // the same labels as the full records
        List<JsonNode> full = jsonl(CliRunner.run("score", "-m", model(), "--format", "jsonl", SEED).out());
        for (int i = 0; i < full.size(); i++) {
            assertEquals(full.get(i).path("stance").path("label"), records.get(i).path("stance").path("label"));
        }

        CliRunner.Result csv = CliRunner.run("score", "-m", model(), "--format", "csv", "--fields", "text,topic,probabilities", SEED);
        assertEquals(0, csv.code(), csv.err());
        assertEquals("level,article_id,sentence_id,text,topic,topic_probability,skipped,p_topic_attacks,p_topic_negotiations,p_topic_other,"
                + "p_topic_politics,p_topic_presence,p_topic_security", csv.out().lines().findFirst().orElseThrow());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv.out())).getRecords();
        for (CSVRecord row : rows) {
            assertTrue(row.isConsistent(), "every row has the header's columns: " + row);
        }
    }

    @Test
    void fieldsThatDoNotExistOrATableAreUsageErrors() throws IOException {
        CliRunner.Result unknown = CliRunner.run("score", "-m", model(), "--format", "jsonl", "--fields", "stance,label", SEED);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown field 'label'") && unknown.err().contains("the fields are stance, topic, text"), unknown.err());
        assertTrue(unknown.out().isEmpty(), "nothing written");
        CliRunner.Result table = CliRunner.run("score", "-m", model(), "--format", "table", "--fields", "stance", SEED);
        assertEquals(2, table.code());
        assertTrue(table.err().contains("--fields applies to --format jsonl and csv"), table.err());
    }

    @Test
    void csvHasASentenceRowPerSentenceAndAnArticleRow() throws IOException {
        CliRunner.Result r = CliRunner.run("score", "-m", model(), "--format", "csv", SEED);
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(r.out())).getRecords();
        assertEquals(14, rows.size());
        assertEquals("sentence", rows.get(0).get("level"));
        assertTrue(Double.parseDouble(rows.get(0).get("stance_probability")) > 0);
        assertTrue(rows.get(0).isMapped("p_stance_skeptical") && rows.get(0).isMapped("p_topic_security"));
        assertEquals("article", rows.get(13).get("level"));
        for (CSVRecord row : rows) {
            for (String column : rows.get(0).getParser().getHeaderNames()) {
                if (column.startsWith("p_") || column.endsWith("_probability")) {
                    assertTrue(row.get(column).matches("|1\\.0|0\\.[0-9]{1,4}"), column + " written plainly: " + row.get(column));
                }
            }
        }
    }

    @Test
    void tableShowsSentencesAndTheVerdictWithEvidence() {
        CliRunner.Result r = CliRunner.run("score", "-m", model(), "--format", "table", SEED);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("== 003_8b30ea1d89039507"));
        assertTrue(r.out().contains("-- article 003_8b30ea1d89039507: 13 sentences, stance "));
    }

    @Test
    void sentencesModeWritesOneRecordPerInputLineInOrder() throws IOException {
        String input = "القوات الأمريكية يجب أن تغادر العراق.\n\nRead more\nواشنطن غير جادة في الانسحاب. وهي تماطل.\n";
        CliRunner.Result r = CliRunner.runWithStdin(input, "score", "-m", model(), "--sentences", "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> records = jsonl(r.out());
        assertEquals(4, records.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i + 1, records.get(i).path("sentence_id").asInt());
        }
        assertEquals("empty", records.get(1).path("skipped").asText());
        assertEquals("no Arabic letter", records.get(2).path("skipped").asText());
        assertEquals("واشنطن غير جادة في الانسحاب. وهي تماطل.", records.get(3).path("text").asText(), "a line is not segmented");
        assertTrue(r.err().contains("2 line(s) not scored"));
    }

    @Test
    void outputFileIsWrittenWholeOrNotAtAll() throws IOException {
        Path out = dir.resolve("scores.jsonl");
        assertEquals(0, CliRunner.run("score", "-m", model(), "--format", "jsonl", SEED, "-o", out.toString()).code());
        assertEquals(14, Files.readAllLines(out).size());
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Path out2 = dir.resolve("none.jsonl");
        CliRunner.Result r = CliRunner.run("score", "-m", model(), SEED, empty.toString(), "-o", out2.toString());
        assertEquals(1, r.code());
        assertEquals("stance: error: " + empty + ": the file is empty", r.err().strip());
        assertFalse(Files.exists(out2));
    }

    @Test
    void badInputsAreOneClearLineWithExitOne() throws IOException {
        Path binary = Files.write(dir.resolve("b.txt"), new byte[] {'P', 'K', 3, 4, 0, 0});
        Path english = Files.writeString(dir.resolve("en.txt"), "This page has no Arabic text at all.\n");
        Path latin1 = Files.write(dir.resolve("l1.txt"), "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        for (Path p : List.of(binary, english, latin1)) {
            CliRunner.Result r = CliRunner.run("score", "-m", model(), p.toString());
            assertEquals(1, r.code(), p + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("stance: error: " + p), r.err());
            assertTrue(r.out().isEmpty());
        }
        CliRunner.Result emptyStdin = CliRunner.runWithStdin("", "score", "-m", model(), "--sentences");
        assertEquals(1, emptyStdin.code());
        assertTrue(emptyStdin.err().contains("is empty"));
    }

    @Test
    void wrongModelFilesAreReported() throws IOException {
        Path notZip = Files.writeString(dir.resolve("m.zip"), "not a model");
        CliRunner.Result r = CliRunner.run("score", "-m", notZip.toString(), SEED);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not a zip archive"), r.err());
        CliRunner.Result missing = CliRunner.run("score", "-m", dir.resolve("none.zip").toString(), SEED);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such model file"), missing.err());
    }

    @Test
    void largeInputIsStreamedInBatches() throws IOException {
        // 20,000 sentence lines (about 2 MB): scored batch by batch, one record per line.
        Path big = dir.resolve("big.txt");
        StringBuilder b = new StringBuilder();
        List<String> texts = TestData.head("test", 400).stream().map(x -> x.text()).toList();
        for (int i = 0; i < 20_000; i++) {
            b.append(texts.get(i % texts.size())).append('\n');
        }
        Files.writeString(big, b.toString());
        Path out = dir.resolve("big.jsonl");
        CliRunner.Result r = CliRunner.run("score", "-m", model(), "--sentences", "--format", "jsonl", big.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        try (var lines = Files.lines(out)) {
            assertEquals(20_000, lines.count());
        }
    }

    @Test
    void articlesScoredOnSeveralThreadsComeOutInInputOrderAsOnOne() {
        CliRunner.Result one = CliRunner.run("score", "-m", model(), TestData.SEEDS.toString(), "--format", "jsonl", "--threads", "1");
        CliRunner.Result four = CliRunner.run("score", "-m", model(), TestData.SEEDS.toString(), "--format", "jsonl", "--threads", "4");
        assertEquals(0, four.code(), four.err());
        assertEquals(one.out(), four.out());
        assertEquals(5, four.out().lines().filter(l -> l.contains("\"type\":\"article\"")).count());
    }
}
