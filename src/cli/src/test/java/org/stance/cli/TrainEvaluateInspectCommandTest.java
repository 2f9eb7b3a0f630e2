package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;

class TrainEvaluateInspectCommandTest {

    static final String[] QUICK = {"--epochs", "60", "--max-features", "5000", "--char-max", "3"};

    @TempDir
    static Path dir;
    static Path train;
    static Path dev;
    static Path test;

    @BeforeAll
    static void data() {
        train = dir.resolve("train.csv");
        dev = dir.resolve("dev.csv");
        test = dir.resolve("test.csv");
        DatasetWriter.write(train, TestData.head("train", 500));
        DatasetWriter.write(dev, TestData.head("dev", 120));
        DatasetWriter.write(test, TestData.head("test", 120));
    }

    private static String[] args(String... head) {
        String[] all = new String[head.length + QUICK.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(QUICK, 0, all, head.length, QUICK.length);
        return all;
    }

    @Test
    void trainWritesAModelAndReportsDevAndTest() throws IOException {
        Path model = dir.resolve("m.zip");
        CliRunner.Result r = CliRunner.run(args("train", train.toString(), "--dev", dev.toString(), "--test", test.toString(),
                "-o", model.toString(), "--labels", "iraq-presence"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(model) > 1000);
        assertTrue(r.out().contains("dev stance (n="), r.out());
        assertTrue(r.out().contains("test topic (n="), r.out());
        assertTrue(r.err().matches("(?s).*stance: (converged|stopped at the iteration limit) after \\d+ iterations.*"), "progress on stderr: " + r.err());
        assertFalse(r.out().contains("converged after"), "no progress on stdout");

        CliRunner.Result inspect = CliRunner.run("inspect", model.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("format:       stance-model v" + org.stance.artifact.ModelManifest.FORMAT_VERSION));
        assertTrue(inspect.out().contains("sha256:       " + org.stance.io.Hashes.sha256(model)), "the file's own hash: " + inspect.out());
        assertTrue(inspect.out().contains("stance = neutral, pro_withdrawal, skeptical, status_quo"));
        assertTrue(inspect.out().contains(org.stance.io.Hashes.sha256(Files.readAllBytes(train))));
        assertTrue(inspect.out().contains("article context weight 0.5"), "the default article context weight is stored: " + inspect.out());

        JsonNode manifest = new ObjectMapper().readTree(CliRunner.run("inspect", "--json", model.toString()).out());
        assertEquals(2, manifest.path("history").size());
        assertEquals(org.stance.io.Hashes.sha256(model), manifest.path("fileSha256").asText());
        assertTrue(manifest.path("integrity").path("parts").has("parameters.f32") && manifest.path("integrity").path("parts").has("vocabulary.tsv"),
                manifest.path("integrity").toString());
        assertTrue(manifest.path("evaluation").path("test").path("stance").path("macroF1").isNumber());
    }

    @Test
    void evaluateReportsMetricsAsTextAndJson() throws IOException {
        Path model = TestModels.small();
        CliRunner.Result text = CliRunner.run("evaluate", "-m", model.toString(), test.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("stance (n=") && text.out().contains("macro-F1") && text.out().contains("ECE"));
        assertTrue(text.out().contains("confusion (rows: gold, columns: predicted)"));
        JsonNode json = new ObjectMapper().readTree(CliRunner.run("evaluate", "-m", model.toString(), test.toString(), "--json").out());
        assertEquals(4, json.path("stance").path("perClass").size());
        assertTrue(json.path("topic").path("accuracy").asDouble() > 0);

        // --predictions: one row per sentence, the same predictions the figures count.
        Path predictions = dir.resolve("predictions.csv");
        JsonNode again = new ObjectMapper().readTree(CliRunner.run("evaluate", "-m", model.toString(), test.toString(), "--json",
                "--predictions", predictions.toString()).out());
        java.util.List<String> lines = Files.readAllLines(predictions);
        assertEquals("article_id,sentence_id,stance,predicted_stance,probability_stance,topic,predicted_topic,probability_topic", lines.get(0));
        int n = again.path("stance").path("n").asInt();
        assertEquals(n, lines.size() - 1);
        for (String task : java.util.List.of("stance", "topic")) {
            int gold = task.equals("stance") ? 2 : 5;
            long right = lines.stream().skip(1).map(l -> l.split(",")).filter(c -> c[gold].equals(c[gold + 1])).count();
            assertEquals(again.path(task).path("accuracy").asDouble(), right / (double) n, 1e-9, task + " accuracy from the predictions file");
        }
        assertEquals(2, CliRunner.run("evaluate", "-m", model.toString(), test.toString(), "--predictions", test.toString()).code(),
                "the predictions file may not be the data");
    }

    @Test
    void crossValidationRunsKFoldsGroupedByArticle() {
        CliRunner.Result r = CliRunner.run(args("cross-validate", "-k", "3", train.toString(), "--task", "stance"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stance: 3-fold macro-F1"), r.out());
        assertTrue(r.out().contains("pooled stance (n=" + TestData.head("train", 500).size() + ")"), r.out());
    }

    @Test
    void authoredRowsAreRefusedWhereTheyDoNotBelong() throws IOException {
        String header = "article_id,sentence_id,source,target,stance,topic,text\n";
        String real = "r1,1,seeds/x.txt,iraq,neutral,other,نص عربي للاختبار.\n";
        Path authoredDev = Files.writeString(dir.resolve("authored-dev.csv"), header + real
                + "w1,1,authored:https://example.org/a,iraq,skeptical,negotiations,واشنطن لا تنوي الرحيل.\n");
        CliRunner.Result dev = CliRunner.run(args("train", train.toString(), "--dev", authoredDev.toString(), "-o", dir.resolve("a.zip").toString()));
        assertEquals(1, dev.code(), dev.err());
        assertTrue(dev.err().contains("authored-dev.csv:3: article w1 is authored"), dev.err());
        CliRunner.Result eval = CliRunner.run("evaluate", "-m", TestModels.small().toString(), authoredDev.toString());
        assertEquals(1, eval.code(), eval.err());
        assertTrue(eval.err().contains("cannot be in an evaluation set"), eval.err());

        Path uncited = Files.writeString(dir.resolve("uncited.csv"), header + real + "w1,1,authored:,iraq,neutral,other,نص عربي آخر.\n");
        CliRunner.Result cite = CliRunner.run(args("train", uncited.toString(), "-o", dir.resolve("b.zip").toString()));
        assertEquals(1, cite.code(), cite.err());
        assertTrue(cite.err().contains("uncited.csv:3: column 3 (source): an authored row must cite the page it was modeled on"), cite.err());

        Path list = Files.writeString(dir.resolve("held.tsv"), "url\nhttps://www.example.org/a/\n");
        CliRunner.Result held = CliRunner.run(args("train", authoredDev.toString(), "--held-out-sources", list.toString(), "-o",
                dir.resolve("c.zip").toString()));
        assertEquals(1, held.code(), held.err());
        assertTrue(held.err().contains("authored-dev.csv:3: article w1 is from a held-out page"), held.err());
        assertEquals(1, held.err().lines().filter(l -> l.startsWith("stance: error:")).count(), held.err());
    }

    @Test
    void unknownLabelInDevListsTheKnownOnes() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "article_id,sentence_id,source,target,stance,topic,text\n"
                + "x1,1,s,iraq,against,other,نص عربي للاختبار.\n");
        CliRunner.Result r = CliRunner.run(args("train", train.toString(), "--dev", bad.toString(), "-o", dir.resolve("x.zip").toString(),
                "--labels", "iraq-presence"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.csv:2: column 5 (stance): unknown label 'against' (known: pro_withdrawal, status_quo, skeptical, neutral)"),
                r.err());
    }

    @Test
    void failsFastOnAnUnwritableOutputAndOnLeakage() {
        CliRunner.Result r = CliRunner.run(args("train", train.toString(), "-o", dir.resolve("no/such/model.zip").toString()));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not exist") && !r.err().contains("epoch"), r.err());
        CliRunner.Result leak = CliRunner.run(args("train", train.toString(), "--dev", train.toString(), "-o", dir.resolve("l.zip").toString()));
        assertEquals(1, leak.code());
        assertTrue(leak.err().contains("also has sentences in the training data"), leak.err());
    }

    @Test
    void evaluateNeedsAModelAndListsNoTrainingOption() {
        assertEquals(2, CliRunner.run("evaluate", test.toString()).code());
        CliRunner.Result help = CliRunner.run("evaluate", "--help");
        assertTrue(help.out().contains("--model") && !help.out().contains("--lr") && !help.out().contains("--epochs"), help.out());
    }

    @Test
    void trainingHelpShowsTheLibraryDefaults() {
        CliRunner.Result help = CliRunner.run("train", "--help");
        org.stance.model.TrainConfig d = org.stance.model.TrainConfig.DEFAULTS;
        assertTrue(help.out().matches("(?s).*--lr=<learningRate>\\s+Learning rate[^\\n]*(\\n[^\\n]*?)*?\\s+Default: " + java.util.regex.Pattern.quote(
                String.valueOf(d.learningRate())) + ".*"), help.out());
        assertTrue(help.out().contains("Default: " + d.optimizer()), help.out());
        // --offset-folds names its default "auto" (-1 in the config)
        assertEquals(org.stance.model.TrainConfig.AUTO_OFFSET_FOLDS, d.offsetFolds());
        assertTrue(help.out().matches("(?s).*--offset-folds=auto\\|K.*?plain argmax for the others\\.\\s+Default: auto.*"), help.out());
        assertEquals(2, CliRunner.run("train", "x.csv", "-o", "m.zip", "--offset-folds", "sometimes").code());
    }

    @Test
    void autotuneSearchesWithinItsBudgetAndStoresTheChoice() throws IOException {
        Path model = dir.resolve("auto.zip");
        CliRunner.Result r = CliRunner.run(args("train", train.toString(), "-o", model.toString(), "--task", "stance", "--no-embeddings",
                "--autotune", "15s", "--metric", "macro-f1"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("autotune trial 1 ") && r.err().contains("autotune: best of "), r.err());
        assertTrue(r.out().contains("autotune-cv stance (n="), r.out());
        JsonNode manifest = new ObjectMapper().readTree(CliRunner.run("inspect", "--json", model.toString()).out());
        assertTrue(manifest.path("tuning").path("trials").size() >= 1, manifest.toString());
        assertEquals("MACRO_F1", manifest.path("network").path("metric").asText());
        assertTrue(manifest.path("embeddings").isNull() || manifest.path("embeddings").isMissingNode());

        for (String[] bad : new String[][] {{"--autotune", "soon"}, {"--autotune", "0s"}, {"--metric", "f2"}, {"--offset-folds", "1"}}) {
            CliRunner.Result u = CliRunner.run("train", train.toString(), "-o", dir.resolve("u.zip").toString(), bad[0], bad[1]);
            assertEquals(2, u.code(), String.join(" ", bad) + ": " + u.err());
            assertTrue(u.err().contains(bad[0]) || u.err().contains(bad[1]), u.err());
        }
    }

    @Test
    void outOfRangeAndNonFiniteSettingsAreUsageErrorsNamingTheOption() {
        for (String[] bad : new String[][] {{"--lr", "NaN"}, {"--lr", "Infinity"}, {"--l2", "NaN"}, {"--dropout", "1.5"}, {"--epochs", "0"},
                {"--article-context", "-1"}, {"--article-context", "NaN"}}) {
            // a mini-batch optimizer, so that --lr and --dropout reach their range checks (LBFGS refuses them outright)
            CliRunner.Result r = CliRunner.run("train", train.toString(), "-o", dir.resolve("nan.zip").toString(), "--optimizer", "adam", bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().contains(bad[0]) && r.err().contains(bad[1].replace("Infinity", "Infinity")), r.err());
            assertFalse(r.err().contains("TrainConfig["), r.err());
        }
        CliRunner.Result task = CliRunner.run(args("train", train.toString(), "-o", dir.resolve("t.zip").toString(), "--task", "two words"));
        assertEquals(2, task.code());
        assertTrue(task.err().contains("--task names a label column") && task.err().contains("not 'two words'")
                && !task.err().contains("internal error"), task.err());
    }
}
