package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;

/** {@code stance quantize} end to end on the shipped model: the file, the before/after table, inspect, and its refusals. */
class QuantizeCommandTest {

    static final String MODEL = TestData.REPO.resolve("models/iraq-presence.zip").toString();
    static final String DEV = TestData.DATASET.resolve("dev.csv").toString();

    @TempDir
    Path dir;

    @Test
    void writesASmallerModelAndComparesItOnLabeledData() throws Exception {
        Path small = dir.resolve("small.zip");
        CliRunner.Result r = CliRunner.run("quantize", MODEL, "-o", small.toString(), "--features", "4000", "--centroids", "16",
                "--evaluate", DEV);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(small) * 8 < Files.size(Path.of(MODEL)), Files.size(small) + " bytes");
        assertTrue(r.err().contains("4,000 features"), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("stance\\s+0\\.\\d{4}\\s+0\\.\\d{4}\\s+[-+]0\\.\\d{4}.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("topic ")), r.out());

        CliRunner.Result inspect = CliRunner.run("inspect", small.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().lines().anyMatch(l -> l.matches("quantized: .*: 4,000 of its [0-9,]+ n-gram features kept, .*")), inspect.out());

        CliRunner.Result scored = CliRunner.runWithStdin("واشنطن غير جادة في الانسحاب من العراق.\n", "score", "-m", small.toString(), "--sentences");
        assertEquals(0, scored.code(), scored.err());

        CliRunner.Result upgrade = CliRunner.run("upgrade-model", small.toString(), "-o", dir.resolve("up.zip").toString());
        assertEquals(1, upgrade.code());
        assertTrue(upgrade.err().contains("needs no upgrade") && !Files.exists(dir.resolve("up.zip")), upgrade.err());

        Path noSkeptical = dir.resolve("no-skeptical.csv");
        Files.write(noSkeptical, Files.readAllLines(Path.of(DEV)).stream().filter(l -> !l.contains(",skeptical,")).toList());
        CliRunner.Result partial = CliRunner.run("quantize", MODEL, "-o", dir.resolve("p.zip").toString(), "--retrain", noSkeptical.toString());
        assertEquals(1, partial.code());
        assertTrue(partial.err().contains("no row has the stance label [skeptical]") && !partial.err().contains("internal error"), partial.err());

        CliRunner.Result again = CliRunner.run("quantize", small.toString(), "-o", dir.resolve("smaller.zip").toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("quantized already"), again.err());
        assertFalse(Files.exists(dir.resolve("smaller.zip")));
    }

    @Test
    void settingsOutOfRangeAreUsageErrors() {
        Path out = dir.resolve("x.zip");
        for (String[] bad : new String[][] {{"--subvector-dim", "3"}, {"--centroids", "1"}, {"--centroids", "300"}, {"--features", "-1"}}) {
            CliRunner.Result r = CliRunner.run("quantize", MODEL, "-o", out.toString(), bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertFalse(Files.exists(out));
        }
    }
}
