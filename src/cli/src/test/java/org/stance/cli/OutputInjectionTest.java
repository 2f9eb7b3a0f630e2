package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestModels;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;

/** Text from articles and file names cannot drive the user's terminal or spreadsheet. */
class OutputInjectionTest {

    @TempDir
    Path dir;

    @Test
    void escapeSequencesInTextAndFileNamesNeverReachTheTerminal() throws Exception {
        Path article = Files.writeString(dir.resolve("a\u001b[2Jb.txt"), "قال المسؤول \u001b[31mإن القوات ستبقى\u001b[0m في العراق حتى نهاية العام.\u0007\n");
        CliRunner.Result r = CliRunner.run("score", "-m", TestModels.small().toString(), article.toString(), "--format", "table");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), r.out());
        assertTrue(r.out().contains("\uFFFD[31m"), "shown, not obeyed: " + r.out());
        CliRunner.Result missing = CliRunner.run("score", "-m", TestModels.small().toString(), dir.resolve("no\u001b]0;title\u0007.txt").toString());
        assertEquals(1, missing.code());
        assertFalse(missing.err().contains("\u001b") || missing.err().contains("\u0007"), missing.err());
    }

    @Test
    void formulaLikeCellsAreWrittenAsTextAndReadBackAsWritten() throws Exception {
        String formula = "=HYPERLINK(\"http://x\") قال المسؤول إن القوات ستبقى في العراق.";
        CliRunner.Result csv = CliRunner.runWithStdin(formula + "\n", "score", "-m", TestModels.small().toString(), "--sentences", "-",
                "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().contains("\"'=HYPERLINK("), csv.out());
        Path page = Files.writeString(dir.resolve("page.txt"), "@SUM(1) قال المسؤول إن القوات ستبقى في العراق حتى نهاية العام.\n");
        Path prepared = dir.resolve("prepared.csv");
        assertEquals(0, CliRunner.run("prepare", page.toString(), "-o", prepared.toString()).code());
        assertTrue(Files.readString(prepared, StandardCharsets.UTF_8).contains("'@SUM(1)"));
        // labeled and read back: the text is the page's, without the apostrophe
        Path labeled = dir.resolve("labeled.csv");
        Files.writeString(labeled, Files.readString(prepared).replace(",,,,'@", ",iraq,neutral,other,'@"));
        var rows = new DatasetReader(DatasetSchema.open(java.util.Set.of())).read(labeled).rows();
        assertEquals(List.of("@SUM(1) قال المسؤول إن القوات ستبقى في العراق حتى نهاية العام."), rows.stream().map(r -> r.text()).toList());
    }
}
