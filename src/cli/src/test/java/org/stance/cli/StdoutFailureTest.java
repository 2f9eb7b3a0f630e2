package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;

/** Standard output that cannot be written is an error in every command, and a reader that stops early ends a command quietly. */
class StdoutFailureTest {

    @TempDir
    static Path dir;

    static Path csv;
    static Path other;

    @BeforeAll
    static void data() {
        csv = dir.resolve("rows.csv");
        DatasetWriter.write(csv, TestData.head("test", 60));
        other = dir.resolve("other.csv");
        DatasetWriter.write(other, TestData.head("dev", 60));
    }

    /** The real process, as a shell runs it, with standard output sent to {@code stdout}. */
    static Process start(ProcessBuilder.Redirect stdout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StanceCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(stdout).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    @Test
    void aFullDiskOnStandardOutputFailsEveryCommand() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new File("/dev/full").exists(), "needs /dev/full");
        String model = TestModels.small().toString();
        List<String[]> commands = List.of(new String[] {"--help"}, new String[] {"inspect", model}, new String[] {"inspect", "--json", model},
                new String[] {"evaluate", "-m", model, csv.toString()}, new String[] {"dataset", "stats", TestData.DATASET.toString()},
                new String[] {"embed", "inspect", TestData.REPO.resolve("models/iraq-presence.zip").toString()},
                new String[] {"score", "-m", model, "--sentences", csv.toString()},
                new String[] {"train", csv.toString(), "--test", other.toString(), "--no-embeddings", "--max-features", "2000", "-o",
                        dir.resolve("m.zip").toString()},
                new String[] {"cross-validate", "-k", "2", csv.toString(), "--no-embeddings", "--max-features", "2000"});
        for (String[] args : commands) {
            Process p = start(ProcessBuilder.Redirect.to(new File("/dev/full")), args);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), String.join(" ", args) + ": " + err);
            List<String> errors = err.lines().filter(l -> l.startsWith("stance: error")).toList();
            assertEquals(List.of("stance: error: cannot write to standard output: No space left on device; the output is incomplete"), errors,
                    String.join(" ", args) + ": " + err);
        }
    }

    @Test
    void aReaderThatStopsEarlyEndsTheCommandQuietly() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            lines.add("قال المسؤول إن القوات ستبقى في البلاد " + i);
        }
        Path input = Files.write(dir.resolve("many.txt"), lines);
        Process p = start(ProcessBuilder.Redirect.PIPE, "score", "-m", TestModels.small().toString(), "--sentences", "--format", "jsonl",
                input.toString());
        byte[] first = p.getInputStream().readNBytes(200);
        p.getInputStream().close(); // as head does after its lines
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(200, first.length);
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.isBlank(), "nothing said of a closed pipe: " + err);
    }
}
