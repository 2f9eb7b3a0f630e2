package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.data.Dataset;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;

class PrepareCommandTest {

    static final Path SEEDS = Path.of(System.getProperty("stance.repo", ".")).resolve("seeds");

    @TempDir
    Path dir;

    @Test
    void preparesTheSeedsIntoAReadableCsvWithStableIds() throws IOException {
        Path out = dir.resolve("seeds.csv");
        CliRunner.Result r = CliRunner.run("prepare", SEEDS.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        Dataset d = new DatasetReader(DatasetSchema.unlabeled()).read(out);
        assertTrue(d.size() >= 80 && d.size() <= 130, "sentences: " + d.size());
        assertEquals(5, d.articles().size());
        assertTrue(d.articles().contains("003_8b30ea1d89039507"));
        assertTrue(d.rows().stream().allMatch(row -> row.stance().isEmpty() && row.topic().isEmpty()));
        assertTrue(r.err().contains("prepared " + d.size() + " sentences from 5 articles"));

        Path again = dir.resolve("again.csv");
        CliRunner.run("prepare", SEEDS.toString(), "-o", again.toString());
        assertEquals(Files.readString(out), Files.readString(again));
    }

    @Test
    void keepBoilerplateAddsMarkedRowsWithoutChangingSentenceIds() throws IOException {
        Path clean = dir.resolve("clean.csv");
        Path kept = dir.resolve("kept.csv");
        CliRunner.run("prepare", SEEDS.resolve("004_ce7f71b2a60672a7.txt").toString(), "-o", clean.toString());
        CliRunner.run("prepare", "--keep-boilerplate", SEEDS.resolve("004_ce7f71b2a60672a7.txt").toString(), "-o", kept.toString());
        List<String> cleanLines = Files.readAllLines(clean);
        List<String> keptLines = Files.readAllLines(kept);
        assertTrue(keptLines.size() > cleanLines.size());
        assertTrue(keptLines.stream().anyMatch(l -> l.contains("boilerplate:no_arabic") && l.contains("Read Previous")));
        assertTrue(keptLines.containsAll(cleanLines), "sentence rows must be identical in both modes");
    }

    @Test
    void readsStandardInputToStandardOutput() {
        CliRunner.Result r = CliRunner.runWithStdin("قال المسؤول إن القوات الأمريكية ستبقى في العراق. وأضاف أن المحادثات مستمرة.\n", "prepare");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("article_id,sentence_id,source,kind,target,stance,topic,text"));
        assertEquals(3, r.out().strip().split("\n").length);
        assertTrue(r.out().contains("stdin-"));
    }

    @Test
    void emptyFileIsOneClearErrorLine() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        CliRunner.Result r = CliRunner.run("prepare", empty.toString());
        assertEquals(1, r.code());
        assertEquals("stance: error: " + empty + ": the file is empty", r.err().strip());
    }

    @Test
    void binaryFileIsOneClearErrorLine() throws IOException {
        Path bin = Files.write(dir.resolve("model.txt"), new byte[] {0x50, 0x4B, 0x03, 0x04, 0, 0, 1});
        CliRunner.Result r = CliRunner.run("prepare", bin.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().strip().startsWith("stance: error: " + bin + ":1: binary data"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void textWithoutArabicIsReported() throws IOException {
        Path english = Files.writeString(dir.resolve("en.txt"), "Read Previous\nLeave a Reply\n", StandardCharsets.UTF_8);
        CliRunner.Result r = CliRunner.run("prepare", english.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no sentence of Arabic article text found"), r.err());
    }

    @Test
    void missingInputAndUnwritableOutputFailWithoutPartialFiles() {
        CliRunner.Result r = CliRunner.run("prepare", dir.resolve("nope.txt").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no such file or folder"));
        CliRunner.Result w = CliRunner.run("prepare", SEEDS.toString(), "-o", dir.resolve("no/such/dir/out.csv").toString());
        assertEquals(1, w.code());
        assertTrue(w.err().contains("does not exist"), w.err());
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRunner.Result r = CliRunner.run("prepare", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option"));
    }

    @Test
    void helpShowsDefaultsAndVersionPrints() {
        CliRunner.Result help = CliRunner.run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("prepare"));
        CliRunner.Result version = CliRunner.run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("stance "));
    }
}
