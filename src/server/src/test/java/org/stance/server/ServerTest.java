package org.stance.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.api.ArticleScore;
import org.stance.api.JsonLinesWriter;
import org.stance.api.SentenceScore;
import org.stance.api.StanceModel;
import org.stance.io.Hashes;

/** The API against a real server on an ephemeral port: the contract, the CLI's records, every limit and fault. */
class ServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    static Path modelFile;
    static StanceServer server;
    static String base;
    static ByteArrayOutputStream accessLog = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        modelFile = Files.copy(TestModels.small(), dir.resolve("model.zip"));
        ModelSlot slot = new ModelSlot(2, StanceModel.DEFAULT_THRESHOLD, org.stance.api.ArticleAggregator.DEFAULT_NEUTRAL_MASS);
        slot.load(modelFile);
        server = new StanceServer(slot, new ServerSettings(64 * 1024, 100, 4, Duration.ofSeconds(30), Duration.ofSeconds(5), false),
                new PrintStream(accessLog, true, StandardCharsets.UTF_8));
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.drainAndStop();
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    static Reply get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    static Reply post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /** A second server over {@code model} with the given settings, its access log discarded. */
    static StanceServer serverWith(Path model, ServerSettings settings) {
        ModelSlot slot = new ModelSlot(1, StanceModel.DEFAULT_THRESHOLD, org.stance.api.ArticleAggregator.DEFAULT_NEUTRAL_MASS);
        slot.load(model);
        return new StanceServer(slot, settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** 4,000 sentences: a request that takes long enough to be in flight while a test acts. */
    static String bigBody() {
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            big.add("قال المسؤول إن القوات الأمريكية ستبقى في العراق حتى نهاية العام المقبل رقم " + i);
        }
        return sentencesBody(big);
    }

    static Reply reload() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/reload")).POST(HttpRequest.BodyPublishers.noBody())
                .header("X-Stance-Reload", "1").build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    static String sentencesBody(List<String> sentences) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode a = body.putArray("sentences");
        sentences.forEach(a::add);
        return body.toString();
    }

    static void assertError(Reply r, int status, String contains) throws Exception {
        assertEquals(status, r.status(), r.body());
        JsonNode node = r.json();
        assertEquals(status, node.get("status").asInt());
        assertTrue(node.get("error").asText().contains(contains), r.body());
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception"), "no stack trace: " + r.body());
    }

    @Test
    void healthReadinessModelMetricsAndOpenApi() throws Exception {
        assertEquals("{\"status\":\"ok\"}", get("/healthz").body());
        Reply ready = get("/readyz");
        assertEquals(200, ready.status());
        assertEquals(Hashes.sha256(modelFile), ready.json().get("sha256").asText());
        JsonNode model = get("/v1/model").json();
        assertEquals(Hashes.sha256(modelFile), model.get("fileSha256").asText());
        assertEquals("stance-model", model.get("format").asText());
        assertTrue(model.get("labels").has("stance") && model.has("evaluation"));
        JsonNode openApi = get("/openapi.json").json();
        for (String path : List.of("/v1/sentences", "/v1/articles", "/v1/model", "/healthz", "/readyz", "/metrics", "/admin/reload")) {
            assertTrue(openApi.get("paths").has(path), path);
        }
        post("/v1/sentences", sentencesBody(List.of("قال المسؤول إن القوات ستبقى في العراق.")));
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("stance_http_requests_total{method=\"POST\",route=\"/v1/sentences\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("stance_http_request_duration_seconds_bucket{route=\"/v1/sentences\""), metrics);
        assertTrue(metrics.contains("stance_sentences_scored_total") && metrics.contains("stance_model_info{sha256=\"" + Hashes.sha256(modelFile)),
                metrics);
        assertTrue(accessLog.toString(StandardCharsets.UTF_8).contains("\"path\":\"/v1/sentences\""));
        assertFalse(accessLog.toString(StandardCharsets.UTF_8).contains("القوات"), "no text in the access log without --log-text");
    }

    /** The records of score --sentences and score on an article, byte for byte (so probabilities agree to the last digit). */
    @Test
    void theRecordsAreTheCliRecords() throws Exception {
        List<String> sentences = TestData.head("test", 40).stream().map(r -> r.text()).toList();
        Reply reply = post("/v1/sentences", sentencesBody(sentences));
        assertEquals(200, reply.status(), reply.body());
        StanceModel model = StanceModel.load(modelFile, 1, StanceModel.DEFAULT_THRESHOLD, org.stance.api.ArticleAggregator.DEFAULT_NEUTRAL_MASS);
        List<SentenceScore> expected = model.scoreSentences(sentences, "");
        JsonNode got = reply.json();
        assertEquals(sentences.size(), got.size());
        for (int i = 0; i < sentences.size(); i++) {
            java.io.StringWriter line = new java.io.StringWriter();
            JsonLinesWriter w = new JsonLinesWriter(line, 0);
            w.sentence(null, expected.get(i));
            w.flush();
            assertEquals(JSON.readTree(line.toString()), got.get(i), "sentence " + i);
        }
        String article = Files.readString(TestData.SEEDS.resolve("003_8b30ea1d89039507.txt"));
        ObjectNode body = JSON.createObjectNode();
        body.putArray("articles").addObject().put("id", "003").put("text", article);
        JsonNode articleReply = post("/v1/articles", body.toString()).json();
        java.io.StringWriter lines = new java.io.StringWriter();
        JsonLinesWriter w = new JsonLinesWriter(lines, 0);
        ArticleScore verdict = model.scoreArticle("003", "http", article, "", s -> {
            try {
                w.sentence("003", s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        w.article(verdict);
        w.flush();
        String[] cli = lines.toString().strip().split("\n");
        assertEquals(cli.length, articleReply.size());
        for (int i = 0; i < cli.length; i++) {
            assertEquals(JSON.readTree(cli[i]), articleReply.get(i), "record " + i);
        }
    }

    /** The CLI itself (its runnable jar, built before this module): score --sentences gives the records the server gives. */
    @Test
    void theCliCommandGivesTheSameRecords() throws Exception {
        Path jar = TestData.REPO.resolve("src/cli/target/stance.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(jar), "the CLI jar is built before this module");
        List<String> sentences = TestData.head("test", 30).stream().map(r -> r.text()).toList();
        Path lines = Files.write(dir.resolve("lines.txt"), sentences, StandardCharsets.UTF_8);
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "score", "-m",
                modelFile.toString(), "--sentences", lines.toString(), "--format", "jsonl").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cli.waitFor());
        String[] records = out.strip().split("\n");
        JsonNode http = post("/v1/sentences", sentencesBody(sentences)).json();
        assertEquals(records.length, http.size());
        for (int i = 0; i < records.length; i++) {
            ObjectNode expected = (ObjectNode) JSON.readTree(records[i]);
            assertEquals("lines", expected.remove("article_id").asText()); // the CLI names a file's lines after the file
            assertEquals(expected.get("stance").get("label"), http.get(i).get("stance").get("label"));
            assertEquals(expected, http.get(i), "record " + i + " equals the CLI's, every probability to its last printed digit");
        }
    }

    /** A model that explains K parts is made once per K: a new one per request started a thread pool each time. */
    @Test
    void explanationsReuseOneModelPerK() throws Exception {
        ModelSlot slot = new ModelSlot(1, StanceModel.DEFAULT_THRESHOLD, org.stance.api.ArticleAggregator.DEFAULT_NEUTRAL_MASS);
        ModelSlot.Served served = slot.load(modelFile);
        assertTrue(served.explaining(3) == served.explaining(3));
        assertTrue(served.explaining(0) == served.model());
        Reply r = post("/v1/sentences", "{\"sentences\": [\"قال المسؤول إن القوات ستبقى في العراق.\"], \"explain\": 3}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get(0).has("explanation") || r.body().contains("explain"), r.body());
        java.io.StringWriter err = new java.io.StringWriter();
        assertEquals(2, ServeCommand.run(new String[] {"-m", modelFile.toString(), "--threshold", "2", "--port", "0"},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true)));
        assertTrue(err.toString().contains("--threshold"), err.toString());
    }

    @Test
    void badItemsAnswerInTheirPlaceAndTheOthersAreScored() throws Exception {
        JsonNode mixed = post("/v1/sentences", sentencesBody(List.of("قال المسؤول إن القوات ستبقى في العراق.", "only Latin", ""))).json();
        assertEquals(3, mixed.size());
        assertTrue(mixed.get(0).has("stance"));
        assertEquals(422, mixed.get(1).get("status").asInt());
        assertEquals(1, mixed.get(1).get("index").asInt());
        assertEquals(2, mixed.get(2).get("index").asInt());
        assertError(post("/v1/sentences", sentencesBody(List.of("only Latin", " "))), 422, "no sentence can be scored");
        ObjectNode articles = JSON.createObjectNode();
        ArrayNode a = articles.putArray("articles");
        a.addObject().put("id", "good").put("text", "قال المسؤول إن القوات الأمريكية ستبقى في العراق حتى نهاية العام المقبل.");
        a.addObject().put("id", "latin").put("text", "Only Latin text here.");
        JsonNode reply = post("/v1/articles", articles.toString()).json();
        JsonNode last = reply.get(reply.size() - 1);
        assertEquals("error", last.get("type").asText());
        assertEquals("latin", last.get("article_id").asText());
        assertEquals(422, last.get("status").asInt());
        assertEquals(1, last.get("index").asInt());
    }

    @Test
    void limitsAndMalformedRequestsAreJsonErrors() throws Exception {
        assertError(post("/v1/sentences", "{\"sentences\": [\"نص\",}"), 400, "malformed JSON");
        assertTrue(post("/v1/sentences", "{\"sentences\": [\"نص\",}").json().get("error").asText().contains("(line 1, column "));
        assertError(post("/v1/sentences", "{\"sentences\": 3}"), 400, "'sentences' must be a JSON array");
        assertError(post("/v1/sentences", "{\"sentences\": [], \"a\": 1, \"a\": 2}"), 400, "Duplicate field");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("قال المسؤول إن القوات ستبقى.");
        }
        assertError(post("/v1/sentences", sentencesBody(many)), 413, "at most 100");
        assertError(post("/v1/sentences", sentencesBody(List.of("ق".repeat(70_000)))), 413, "65536");
        assertError(post("/v1/sentences", "{\"sentences\": [\"قال المسؤول إن القوات ستبقى.\"], \"target\": \"iraq\"}"), 422, "target");
        assertError(post("/v1/sentences", "{\"sentences\": [\"نص\"], \"explain\": -1}"), 400, "explain");
        assertError(get("/v1/nothing"), 404, "no such endpoint");
        assertError(post("/healthz", "{}"), 405, "method not allowed");
    }

    @Test
    void reloadKeepsServingWhenTheNewFileIsCorrupt() throws Exception {
        Path served = Files.copy(TestModels.small(), dir.resolve("reload.zip"));
        StanceServer second = serverWith(served, new ServerSettings(64 * 1024, 50, 2, Duration.ofSeconds(30), Duration.ofSeconds(5), false));
        String saved = base;
        try {
            base = "http://127.0.0.1:" + second.start("127.0.0.1", 0);
            String sha = Hashes.sha256(served);
            assertError(post("/admin/reload", ""), 403, "X-Stance-Reload");
            Reply ok = reload();
            assertEquals(200, ok.status(), ok.body());
            assertEquals(sha, ok.json().get("sha256").asText());
            byte[] bytes = Files.readAllBytes(served);
            bytes[bytes.length / 2] ^= 1;
            Files.write(served, bytes);
            Reply refused = reload();
            assertError(refused, 422, "still served");
            assertEquals(sha, get("/readyz").json().get("sha256").asText(), "the old model is still served");
            assertEquals(200, post("/v1/sentences", sentencesBody(List.of("قال المسؤول إن القوات ستبقى في العراق."))).status());
        } finally {
            base = saved;
            second.drainAndStop();
        }
    }

    /** Past the concurrency bound: 503 with Retry-After at once, never a queue; past the time limit: 503. */
    @Test
    void busyAndSlowRequestsAreRefusedWithRetryAfter() throws Exception {
        StanceServer tight = serverWith(modelFile, new ServerSettings(8 << 20, 5000, 1, Duration.ofMillis(1), Duration.ofSeconds(10), false));
        String saved = base;
        try {
            base = "http://127.0.0.1:" + tight.start("127.0.0.1", 0);
            Reply slow = post("/v1/sentences", bigBody());
            assertError(slow, 503, "timed out");
            assertEquals("1", slow.raw().headers().firstValue("Retry-After").orElse(""));
            // the timed-out work still holds the only permit while it runs: the next request is refused at once
            Reply busy = post("/v1/sentences", sentencesBody(List.of("قال المسؤول إن القوات ستبقى.")));
            assertTrue(busy.status() == 503, busy.body());
            assertEquals("1", busy.raw().headers().firstValue("Retry-After").orElse(""));
            // once the timed-out work ends, its permit is back: no request is refused for good
            long deadline = System.nanoTime() + 60_000_000_000L;
            int status = 503;
            while (status == 503 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = post("/v1/sentences", sentencesBody(List.of("قال المسؤول إن القوات ستبقى."))).status();
            }
            assertEquals(200, status, "served again after the slow work ended");
        } finally {
            base = saved;
            tight.drainAndStop();
        }
    }

    /** Draining: the request in flight finishes with 200, a new one is refused. */
    @Test
    void drainingFinishesInFlightRequestsAndRefusesNewOnes() throws Exception {
        StanceServer draining = serverWith(modelFile, new ServerSettings(8 << 20, 5000, 4, Duration.ofSeconds(60), Duration.ofSeconds(30), false));
        String url = "http://127.0.0.1:" + draining.start("127.0.0.1", 0);
        CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url + "/v1/sentences"))
                .POST(HttpRequest.BodyPublishers.ofString(bigBody())).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(150);
        Thread stopper = new Thread(draining::drainAndStop);
        stopper.start();
        Thread.sleep(50);
        HttpResponse<String> late = null;
        try {
            late = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/readyz")).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException refused) {
            // the listener may already be closed: refused either way
        }
        assertTrue(late == null || late.statusCode() == 503, late == null ? "" : late.body());
        assertEquals(200, inFlight.get().statusCode(), "the request in flight finished");
        assertEquals(4000, JSON.readTree(inFlight.get().body()).size());
        stopper.join();
    }
}
