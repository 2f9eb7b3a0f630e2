package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestModels;

/** Standard input is scored as it arrives, never copied to disk, and a bad line stops the run there. */
class StreamingInputTest {

    @TempDir
    Path dir;

    private Process start(Path tmp, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), StanceCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    @Test
    void eachLineIsAnsweredBeforeTheNextArrivesAndNothingIsSpooled() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process p = start(tmp, "score", "-m", TestModels.small().toString(), "--sentences", "-", "--format", "jsonl");
        OutputStream in = p.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String sentence : List.of("القوات الأمريكية باقية في العراق.", "طالب البرلمان بانسحاب القوات الأجنبية.")) {
            in.write((sentence + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush(); // stdin stays open: the answer must come without the end of input
            String record = out.readLine();
            assertTrue(record != null && record.contains(sentence), "answered while the input is open: " + record);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList(), "nothing of the input is written to the temporary folder");
        }
        in.close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void aBinaryLineInStandardInputStopsTheRunAndLeavesNoOutputFile() throws Exception {
        Path target = dir.resolve("scores.jsonl");
        Process p = start(dir, "score", "-m", TestModels.small().toString(), "--sentences", "-", "--format", "jsonl", "-o", target.toString());
        try (OutputStream in = p.getOutputStream()) {
            in.write("نص عربي هنا.\nسطر \u0000 ثان.\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertEquals("stance: error: standard input:2: binary data (a NUL byte); expected UTF-8 text",
                Files.readString(dir.resolve("err.txt")).strip());
        assertTrue(!Files.exists(target), "no partial output file");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithItsLineNumber() throws Exception {
        // past the first batches, so that scoring would already have written records before reaching it
        Path file = Files.writeString(dir.resolve("long.txt"), "قال المسؤول إن القوات ستبقى.\n".repeat(5000) + "ق".repeat(LineReader.MAX_LINE_CHARS + 10) + "\n");
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), "--sentences", file.toString(), "--format", "jsonl");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("long.txt:5001: a line of more than 1048576 characters"), r.err());
        assertEquals("", r.out(), "refused before the first record is written");
    }
}
