package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;

/** Options that contradict each other or the data are refused in one line, with the right exit code. */
class OptionsTest {

    @TempDir
    Path dir;

    @Test
    void contradictionsAndEmptyPathsAreUsageErrors() {
        CliRunner.Result empty = CliRunner.run("score", TestData.SEEDS.toString(), "-o", "");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("Invalid value for option '--output': an empty path"), empty.err());
        CliRunner.Result both = CliRunner.run("train", "x.csv", "--no-embeddings", "--embeddings", "v.zip", "-o", dir.resolve("m.zip").toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--no-embeddings and --embeddings exclude each other"), both.err());
        CliRunner.Result weight = CliRunner.run("train", "x.csv", "--authored-weight", "0", "-o", dir.resolve("m.zip").toString());
        assertEquals(2, weight.code());
        assertTrue(weight.err().contains("--authored-weight must be a finite number above 0 and at most 10"), weight.err());
        CliRunner.Result device = CliRunner.run("score", "-m", "/dev/zero", TestData.SEEDS.toString());
        assertEquals(1, device.code());
        assertTrue(device.err().contains("/dev/zero: not a model file but a device or special file"), device.err());
    }

    @Test
    void aTargetInputWithoutATargetColumnIsRefused() throws Exception {
        Path csv = dir.resolve("no-target.csv");
        DatasetWriter.write(csv, TestData.head("test", 200).stream().map(r -> new org.stance.data.LabeledSentence(r.articleId(), r.sentenceId(), r.source(), "", r.stance(), r.topic(), r.text(), r.line())).toList());
        CliRunner.Result r = CliRunner.run("train", csv.toString(), "--use-target", "--no-embeddings", "-o", dir.resolve("m.zip").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no training row has a target"), r.err());
    }

    @Test
    void vectorsThatTrainingWouldRefuseAreRefusedOnImport() throws Exception {
        Path vec = Files.writeString(dir.resolve("wide.vec"), "1 1500\nقوات " + "0.1 ".repeat(1500).strip() + "\n");
        CliRunner.Result r = CliRunner.run("embed", "import", vec.toString(), "-o", dir.resolve("wide.zip").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("wide.vec:2: vectors of 1500 values; at most 1000 are supported"), r.err());
    }

    @Test
    void unreadableFolderEntriesFailTheRunOrAreSkippedAndCounted() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("articles"));
        for (Path seed : org.stance.io.InputFiles.files(List.of(TestData.SEEDS))) {
            Files.copy(seed, folder.resolve(seed.getFileName()));
        }
        Files.createSymbolicLink(folder.resolve("broken.txt"), dir.resolve("nowhere"));
        Files.write(folder.resolve("binary.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41, 0});
        String model = TestModels.small().toString();
        CliRunner.Result fail = CliRunner.run("score", "-m", model, folder.toString(), "--format", "jsonl");
        assertEquals(1, fail.code());
        assertTrue(fail.err().contains("broken.txt: a broken symbolic link in the folder"), fail.err());
        CliRunner.Result skip = CliRunner.run("score", "-m", model, folder.toString(), "--format", "jsonl", "--on-error", "skip");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(skip.err().contains("skipped: " + folder.resolve("broken.txt")) && skip.err().contains("skipped: " + folder.resolve("binary.txt")),
                skip.err());
        assertTrue(skip.err().contains("2 input(s) skipped"), skip.err());
        assertEquals(5, skip.out().lines().filter(l -> l.startsWith("{\"type\":\"article\"")).count(), "the five seeds are scored");
    }
}
