package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;

/** An output naming one of the command's inputs is refused (exit 2) and the input is left as it was. */
class OutputGuardTest {

    @TempDir
    Path dir;

    private void refused(Path victim, String... args) throws IOException {
        byte[] before = Files.readAllBytes(victim);
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("writing it would destroy what is read"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("stance: error:")).count(), r.err());
        assertArrayEquals(before, Files.readAllBytes(victim), "the input is untouched");
    }

    @Test
    void anOutputThatIsAnInputThroughAnyNameIsRefused() throws IOException {
        Path article = dir.resolve("a.txt");
        Files.copy(TestData.SEEDS.resolve("003_8b30ea1d89039507.txt"), article);
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), article.getFileName());
        Path hard = Files.createLink(dir.resolve("hard.txt"), article);
        Path model = dir.resolve("m.zip");
        Files.copy(TestModels.small(), model);
        String m = model.toString();
        refused(article, "score", "-m", m, article.toString(), "-o", article.toString());
        refused(article, "score", "-m", m, article.toString(), "-o", link.toString());
        refused(article, "prepare", article.toString(), "-o", hard.toString());
        refused(article, "score", "-m", m, dir.toString(), "-o", article.toString());
        refused(model, "score", "-m", m, article.toString(), "-o", m);
        Path csv = dir.resolve("t.csv");
        Files.copy(TestData.DATASET.resolve("dev.csv"), csv);
        refused(csv, "train", csv.toString(), "--no-embeddings", "-o", csv.toString());
        refused(csv, "suggest", "-m", m, article.toString(), "--exclude", csv.toString(), "-o", csv.toString());
        CliRunner.Result ok = CliRunner.run("score", "-m", m, article.toString(), "-o", dir.resolve("out.jsonl").toString());
        assertEquals(0, ok.code(), ok.err());
    }
}
