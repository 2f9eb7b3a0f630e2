package org.stance.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.api.ArticleScore;
import org.stance.api.JsonLinesWriter;
import org.stance.api.StanceModel;
import org.stance.io.InputFiles;
import org.stance.io.TextFiles;

/** The Spark job in local mode, on small real data: the seeds and a few bad rows. */
class ScoreJobTest {

    static final Path MODEL = TestData.REPO.resolve("models/iraq-presence.zip");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String err) {
    }

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        int code = ScoreJob.run(args, new PrintWriter(err, true));
        return new Run(code, err.toString());
    }

    static List<JsonNode> records(Path out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    nodes.add(JSON.readTree(line));
                }
            }
        }
        return nodes;
    }

    /** The job on the seeds into {@code out}, with further options. */
    static Run scoreSeeds(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("score", "--model", MODEL.toString(), "--input", TestData.SEEDS.toString(), "--output",
                out.toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    /** An output folder's records by {@link #key}. */
    static Map<String, JsonNode> recordsByKey(Path out) throws IOException {
        Map<String, JsonNode> byKey = new HashMap<>();
        records(out).forEach(n -> byKey.put(key(n), n));
        return byKey;
    }

    /** A record's field names, in order. */
    static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** What `stance score --format jsonl` writes for the seeds: the same library path, in process. */
    static List<JsonNode> cliRecords() throws IOException {
        StanceModel model = StanceModel.load(MODEL, 1, StanceModel.DEFAULT_THRESHOLD, 0.5);
        StringWriter out = new StringWriter();
        JsonLinesWriter json = new JsonLinesWriter(out, 0);
        for (Path file : InputFiles.files(List.of(TestData.SEEDS))) {
            String id = InputFiles.idOf(file);
            ArticleScore verdict = model.scoreArticle(id, file.toString(), TextFiles.read(file), "", s -> {
                try {
                    json.sentence(id, s);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            json.article(verdict);
        }
        json.flush();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    static String key(JsonNode n) {
        return n.path("type").asText() + "/" + n.path("article_id").asText() + "/" + n.path("sentence_id").asText();
    }

    @Test
    void theSeedsThroughSparkGiveTheRecordsOfTheCli() throws IOException {
        Path out = dir.resolve("out");
        Run r = scoreSeeds(out, "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("scored 86 sentences of 5 articles"), r.err());
        Map<String, JsonNode> spark = recordsByKey(out);
        List<JsonNode> cli = cliRecords();
        assertEquals(cli.size(), spark.size(), "every sentence of every article, once");
        for (JsonNode expected : cli) {
            JsonNode got = spark.get(key(expected));
            assertTrue(got != null, "missing " + key(expected));
            assertEquals(fieldNames(expected), fieldNames(got), "same fields in the same order: " + key(expected));
            for (String task : List.of("stance", "topic")) {
                if (expected.has(task)) {
                    assertEquals(expected.get(task).get("label"), got.get(task).get("label"), key(expected));
                    expected.get(task).get("probabilities").fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(),
                            got.get(task).get("probabilities").get(e.getKey()).asDouble(), 1e-6, key(expected) + " " + e.getKey()));
                }
            }
            if (expected.get("type").asText().equals("sentence")) {
                assertEquals(expected.get("text"), got.get("text"));
            } else {
                assertEquals(expected.get("evidence"), got.get("evidence"));
                assertEquals(expected.get("topics"), got.get("topics"));
            }
        }
    }

    @Test
    void fieldsCutTheRecordsAsTheCliDoes() throws IOException {
        Path out = dir.resolve("fields");
        Run r = scoreSeeds(out, "--master", "local[2]", "--fields", "stance");
        assertEquals(0, r.code(), r.err());
        Map<String, JsonNode> spark = recordsByKey(out);
        List<JsonNode> cli = cliRecords();
        assertEquals(cli.size(), spark.size());
        for (JsonNode expected : cli) {
            JsonNode got = spark.get(key(expected));
            assertEquals(expected.get("type").asText().equals("sentence") ? List.of("type", "article_id", "sentence_id", "stance")
                    : List.of("type", "article_id", "stance"), fieldNames(got), key(expected));
            assertEquals(expected.get("stance").get("label"), got.get("stance").get("label"), key(expected));
            assertFalse(got.get("stance").has("probabilities"), key(expected));
        }
        Run bad = scoreSeeds(dir.resolve("never"), "--fields", "stance,nope");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("unknown field 'nope'"), bad.err());
    }

    @Test
    void badRowsAreReportedUnderSkipAndStopTheJobUnderFail() throws IOException {
        String good = Files.readString(TestData.SEEDS.resolve("003_8b30ea1d89039507.txt"));
        Path input = dir.resolve("articles.jsonl");
        List<String> lines = new ArrayList<>();
        lines.add(JSON.createObjectNode().put("id", "good").put("text", good).toString());
        lines.add(JSON.createObjectNode().put("id", "empty").put("text", "  ").toString());
        lines.add(JSON.createObjectNode().put("id", "binary").put("text", "\u0000\u0001\u0002 نص").toString());
        lines.add(JSON.createObjectNode().put("id", "latin").put("text", "Only Latin text here.").toString());
        lines.add("{\"id\": \"cut\", \"text\": \"نص");
        lines.add(JSON.createObjectNode().put("text", good).toString());
        Files.write(input, lines);
        Path out = dir.resolve("skip");
        Run r = run("score", "--model", MODEL.toString(), "--input", input.toString(), "--output", out.toString(), "--on-error", "skip",
                "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("5 article(s) not scored"), r.err());
        assertEquals(14, records(out).size(), "13 sentences and the verdict of the good article");
        Map<String, String> reasons = new HashMap<>();
        List<String> unnamed = new ArrayList<>();
        for (JsonNode e : records(out.resolve("_errors"))) {
            if (e.get("id").asText().isEmpty()) {
                unnamed.add(e.get("reason").asText());
            } else {
                reasons.put(e.get("id").asText(), e.get("reason").asText());
            }
        }
        assertEquals(Map.of("empty", "article 'empty' is empty", "binary", "article 'binary' holds binary data (a NUL character)",
                "latin", "article 'latin' holds no sentence of Arabic text"), reasons);
        assertEquals(List.of("a malformed JSON line: {\"id\": \"cut\", \"text\": \"نص", "a row without an id"), unnamed.stream().sorted().toList());

        Run fail = run("score", "--model", MODEL.toString(), "--input", input.toString(), "--output", dir.resolve("fail").toString(),
                "--master", "local[2]");
        assertEquals(1, fail.code());
        assertEquals(1, fail.err().lines().filter(l -> l.startsWith("stance-spark: error:")).count(), fail.err());
        assertTrue(fail.err().contains("article '") && fail.err().contains("is empty") || fail.err().contains("binary") || fail.err().contains("Arabic"),
                fail.err());
        assertFalse(fail.err().contains("\tat "), "no stack trace: " + fail.err());
        assertFalse(Files.exists(dir.resolve("fail")), "the failed job's empty output folder is removed: the command can run again");
    }

    /** Mistakes a user can make on the command line are refused in one line, before Spark starts where they can be. */
    @Test
    void pathsAndSettingsAreCheckedBeforeSparkStarts() throws IOException {
        Path exists = Files.createDirectories(dir.resolve("exists"));
        long start = System.nanoTime();
        Run taken = scoreSeeds(exists);
        assertEquals(1, taken.code());
        assertTrue(taken.err().contains("already exists"), taken.err());
        Run missing = run("score", "--model", MODEL.toString(), "--input", dir.resolve("none").toString(), "--output", dir.resolve("o1").toString());
        assertTrue(missing.code() == 1 && missing.err().contains("no such file or folder"), missing.err());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run nothing = run("score", "--model", MODEL.toString(), "--input", empty.toString(), "--output", dir.resolve("o2").toString());
        assertTrue(nothing.code() == 1 && nothing.err().contains("holds no .txt article"), nothing.err());
        Run partitions = scoreSeeds(dir.resolve("o3"), "--partitions", "-1");
        assertEquals(2, partitions.code(), partitions.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "all refused before any Spark start-up");
        for (Run r : List.of(taken, missing, nothing, partitions)) {
            assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), r.err());
        }
    }

    @Test
    void duplicateIdsAndACorruptParquetFileAreOneLineErrors() throws IOException {
        Path dup = dir.resolve("dup.jsonl");
        String text = "قال المسؤول إن القوات ستبقى في العراق حتى نهاية العام المقبل.";
        Files.write(dup, List.of(JSON.createObjectNode().put("id", "a").put("text", text).toString(),
                JSON.createObjectNode().put("id", "a").put("text", text).toString()));
        Run twice = run("score", "--model", MODEL.toString(), "--input", dup.toString(), "--output", dir.resolve("o4").toString(), "--master", "local[2]");
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("the article id 'a' is given 2 times"), twice.err());
        Path corrupt = dir.resolve("corrupt.parquet");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        Run bad = run("score", "--model", MODEL.toString(), "--input", corrupt.toString(), "--output", dir.resolve("o5").toString(), "--master", "local[2]");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("cannot be read as parquet"), bad.err());
        for (Run r : List.of(twice, bad)) {
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("stance-spark: error:")).count(), r.err());
            assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), r.err());
        }
    }

    @Test
    void anUnreadableModelFailsBeforeSparkStarts() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.zip"), "not a model");
        Path out = dir.resolve("never");
        long start = System.nanoTime();
        Run r = run("score", "--model", bad.toString(), "--input", TestData.SEEDS.toString(), "--output", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("not a zip archive"), r.err());
        assertFalse(Files.exists(out), "no task ran, nothing was written");
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused before any Spark start-up");
        assertEquals(2, run("score", "--model", MODEL.toString(), "--input", "x", "--output", "y", "--format", "xml").code());
    }

    @Test
    void parquetHoldsTheSameFields() throws IOException {
        Path out = dir.resolve("parquet");
        Run r = scoreSeeds(out, "--format", "parquet", "--master", "local[1]");
        assertEquals(0, r.code(), r.err());
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Dataset<Row> table = spark.read().parquet(out.toString());
            assertEquals(91, table.count());
            assertTrue(List.of(table.columns()).containsAll(List.of("type", "article_id", "sentence_id", "text", "stance", "topic", "uncertain",
                    "source", "sentences", "evidence", "topics")), List.of(table.columns()).toString());
            assertEquals(86, table.filter("type = 'sentence'").count());
        } finally {
            spark.stop();
        }
    }
}
