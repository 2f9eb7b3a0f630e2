package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;

/** Bad input, failed writes and hostile settings: one clear error, the right exit code, nothing half-written. */
class ReliabilityTest {

    static final String SEED = TestData.SEEDS.resolve("003_8b30ea1d89039507.txt").toString();

    @TempDir
    Path dir;

    /** A stream that fails every write, as stdout does on a full disk or a closed pipe. */
    static final class FailingStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @Test
    void aFailedWriteToStandardOutputIsAnError() {
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new FailingStream(), true));
            StringWriter err = new StringWriter();
            int code = StanceCommand.run(new String[] {"score", "-m", TestModels.small().toString(), SEED, "--format", "jsonl"},
                    new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertEquals(1, code, err.toString());
            assertTrue(err.toString().contains("cannot write to standard output"), err.toString());
        } finally {
            System.setOut(old);
        }
        StringWriter err = new StringWriter();
        int code = StanceCommand.run(new String[] {"inspect", TestModels.small().toString()},
                new PrintWriter(new PrintStream(new FailingStream(), true)), new PrintWriter(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("cannot write to standard output"), err.toString());
    }

    @Test
    void outputGoesThroughASymlinkToItsTargetAndDevicesAreRefused() throws IOException {
        Path target = dir.resolve("real.jsonl");
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), target);
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), SEED, "--format", "jsonl", "-o", link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(target).contains("\"type\""), "the content reached the link's target");
        CliRunner.Result device = CliRunner.run("score", "-m", TestModels.small().toString(), SEED, "-o", "/dev/null");
        assertEquals(1, device.code());
        assertTrue(device.err().contains("not a regular file"), device.err());
    }

    @Test
    void sentenceModeChecksEveryInputBeforeWritingAndNamesTheRightLine() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3300; i++) {
            lines.add("قال المسؤول إن القوات ستبقى في البلاد " + i);
        }
        Path good = Files.writeString(dir.resolve("good.txt"), String.join("\n", lines) + "\n");
        byte[] bytes = Files.readAllBytes(good);
        int offset = String.join("\n", lines.subList(0, 3249)).getBytes(StandardCharsets.UTF_8).length + 5; // inside line 3250
        bytes[offset] = 0;
        Path nul = Files.write(dir.resolve("nul.txt"), bytes);
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), "--sentences", "--format", "csv", good.toString(), nul.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nul.txt:3250: binary data"), r.err());
        assertEquals("", r.out(), "no partial output");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "سطر\nline two caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRunner.Result enc = CliRunner.run("score", "-m", TestModels.small().toString(), "--sentences", good.toString(), latin1.toString());
        assertEquals(1, enc.code());
        assertTrue(enc.err().contains("latin1.txt:2: not valid UTF-8 (bad byte 0xE9)"), enc.err());
        assertEquals("", enc.out());
        assertEquals(2, CliRunner.run("score", "-m", TestModels.small().toString(), "--sentences", "-", "-").code());
    }

    @Test
    void nonFiniteAndOutOfRangeScoringSettingsAreUsageErrors() {
        for (String[] bad : new String[][] {{"--threshold", "NaN"}, {"--threshold", "2"}, {"--neutral-mass", "Infinity"}, {"--neutral-mass", "-1"}}) {
            CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), SEED, bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
        }
        CliRunner.Result target = CliRunner.run("score", "-m", TestModels.small().toString(), SEED, "--target", "iraq");
        assertEquals(2, target.code(), "a target on a model that does not read one");
        assertTrue(target.err().contains("does not read a target"), target.err());
        assertEquals(2, CliRunner.run("bench-score", "-m", TestModels.small().toString(), SEED, "--latency-calls", "0").code());
    }

    @Test
    void specialFilesGetTheirOwnMessages() {
        CliRunner.Result zero = CliRunner.run("evaluate", "-m", TestModels.small().toString(), "/dev/zero");
        assertEquals(1, zero.code());
        assertTrue(zero.err().contains("a device or special file"), zero.err());
        CliRunner.Result folder = CliRunner.run("evaluate", "-m", TestModels.small().toString(), dir.toString());
        assertEquals(1, folder.code());
        assertTrue(folder.err().contains("is a folder"), folder.err());
    }

    @Test
    void aPipeIsReadLikeAFile() throws Exception {
        Path fifo = dir.resolve("sentences.fifo");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write("قال المسؤول إن القوات ستبقى.\nوطالب النواب بانسحاب القوات.\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        // A FIFO can be read once: the CLI spools it, checks the copy, then scores it.
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), "--sentences", "--format", "jsonl", fifo.toString());
        writer.join(10_000);
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.contains("\"type\":\"sentence\"")).count(), r.out());
    }

    @Test
    void duplicateColumnsAndIdenticalTrainAndDevAreRefused() throws IOException {
        Path dup = Files.writeString(dir.resolve("dup.csv"), "article_id,stance,text,stance\na1,neutral,نص عربي,status_quo\n");
        CliRunner.Result r = CliRunner.run("evaluate", "-m", TestModels.small().toString(), dup.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("dup.csv:1: column 4: the column name 'stance' appears twice"), r.err());
        Path noIds = dir.resolve("noids.csv");
        List<String> rows = new ArrayList<>(List.of("text,stance"));
        TestData.head("train", 300).forEach(s -> rows.add("\"" + s.text().replace("\"", "\"\"") + "\"," + s.stance()));
        Files.write(noIds, rows);
        CliRunner.Result leak = CliRunner.run("train", noIds.toString(), "--dev", noIds.toString(), "-o", dir.resolve("x.zip").toString(),
                "--epochs", "1");
        assertEquals(1, leak.code());
        assertTrue(leak.err().contains("also occur in the training data word for word"), leak.err());
    }

    @Test
    void aTargetModelIsGivenKnownTargetsOnly() throws IOException {
        Path train = dir.resolve("train.csv");
        Path dev = dir.resolve("dev.csv");
        DatasetWriter.write(train, TestData.head("train", 400));
        DatasetWriter.write(dev, TestData.head("dev", 100));
        Path model = dir.resolve("target.zip");
        CliRunner.Result t = CliRunner.run("train", train.toString(), "--dev", dev.toString(), "-o", model.toString(), "--use-target",
                "--task", "stance", "--epochs", "1", "--max-features", "3000");
        assertEquals(0, t.code(), t.err());
        Path noTarget = Files.writeString(dir.resolve("notarget.csv"), "text,stance\nقال المسؤول إن القوات ستبقى.,status_quo\n");
        CliRunner.Result e = CliRunner.run("evaluate", "-m", model.toString(), noTarget.toString());
        assertEquals(1, e.code());
        assertTrue(e.err().contains("notarget.csv:2: no target") && e.err().contains("known targets: iraq, syria"), e.err());
        CliRunner.Result unknown = CliRunner.run("score", "-m", model.toString(), SEED, "--target", "mars");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown target 'mars'") && unknown.err().contains("iraq, syria"), unknown.err());
        assertEquals(0, CliRunner.run("score", "-m", model.toString(), SEED, "--target", "iraq").code());
    }

    @Test
    void invalidRowsStopTrainingUnlessSkippedAndTargetsMayBeAnyText() throws IOException {
        List<String> rows = new ArrayList<>(List.of("article_id,target,stance,text"));
        List<org.stance.data.LabeledSentence> source = TestData.head("train", 300);
        for (int i = 0; i < source.size(); i++) {
            var s = source.get(i);
            String target = i % 2 == 0 ? "Women empowerment" : "women  EMPOWERMENT"; // one target, two spellings
            rows.add(s.articleId() + "," + target + "," + s.stance() + ",\"" + s.text().replace("\"", "\"\"") + "\"");
        }
        rows.add("zz,Women empowerment,neutral,Only Latin text here");
        Path train = Files.write(dir.resolve("train.csv"), rows);
        CliRunner.Result strict = CliRunner.run("train", train.toString(), "-o", dir.resolve("s.zip").toString(), "--epochs", "1", "--use-target");
        assertEquals(1, strict.code());
        assertTrue(strict.err().contains("train.csv:" + rows.size() + ": column 4 (text): text has no Arabic letter"), strict.err());
        Path model = dir.resolve("skip.zip");
        CliRunner.Result skip = CliRunner.run("train", train.toString(), "-o", model.toString(), "--epochs", "1", "--use-target", "--skip-invalid");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(skip.err().contains("skipped row 1: ") && skip.err().contains("train.csv:" + rows.size()), skip.err());
        CliRunner.Result inspect = CliRunner.run("inspect", model.toString());
        assertTrue(inspect.out().contains("targets:      women_empowerment"), inspect.out());
        assertEquals(0, CliRunner.run("score", "-m", model.toString(), SEED, "--target", "Women Empowerment").code());
    }

    @Test
    void datasetSplitWritesItsThreeFilesAsOneUnit() throws IOException {
        Path ds = dir.resolve("ds");
        Files.createDirectories(ds.resolve("test.csv")); // the third file cannot be written: a folder is in its way
        DatasetWriter.write(ds.resolve("sentences.csv"), TestData.head("train", 400));
        Files.writeString(ds.resolve("train.csv"), "old train");
        CliRunner.Result r = CliRunner.run("dataset", "split", ds.toString());
        assertEquals(1, r.code());
        assertEquals("old train", Files.readString(ds.resolve("train.csv")), "nothing replaced when one file fails");
        assertFalse(Files.exists(ds.resolve("dev.csv")));
        try (var files = Files.list(ds)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aStoppedRunLeavesNoTemporaryFile() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            lines.add("قال المسؤول إن القوات ستبقى في البلاد " + i);
        }
        Path input = Files.write(dir.resolve("many.txt"), lines);
        Path outDir = Files.createDirectories(dir.resolve("out"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), StanceCommand.class.getName(), "score", "-m",
                TestModels.small().toString(), "--sentences", "--format", "jsonl", input.toString(), "-o", outDir.resolve("scores.jsonl").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        boolean sawTemp = false;
        while (!sawTemp && p.isAlive() && System.nanoTime() < deadline) {
            try (var files = Files.list(outDir)) {
                sawTemp = files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
            }
            Thread.sleep(20);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(sawTemp, "the run ended before it could be stopped mid-write");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        try (var files = Files.list(outDir)) {
            List<Path> left = files.toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }
}
