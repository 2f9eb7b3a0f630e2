package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;

/** The everyday path around training: no silent overwrite of a committed model, figures always, readable inspect. */
class EverydayUseTest {

    @TempDir
    Path dir;

    @Test
    void aModelTrackedByGitIsOnlyReplacedWithForce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("git", "--version").start().waitFor() == 0, "needs git");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        assertEquals(0, new ProcessBuilder("git", "init", "-q", repo.toString()).start().waitFor());
        Path model = Files.copy(TestModels.small(), repo.resolve("model.zip"));
        assertEquals(0, new ProcessBuilder("git", "-C", repo.toString(), "add", "model.zip").start().waitFor());
        Path csv = dir.resolve("train.csv");
        DatasetWriter.write(csv, TestData.head("train", 120));
        byte[] before = Files.readAllBytes(model);
        CliRunner.Result refused = CliRunner.run("train", csv.toString(), "--no-embeddings", "-o", model.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("is tracked by git"), refused.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model)), "the tracked model is untouched");
        CliRunner.Result forced = CliRunner.run("train", csv.toString(), "--no-embeddings", "--force", "-o", model.toString());
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.out().contains("train stance (n="), "training-set figures are always printed: " + forced.out());
        assertTrue(forced.out().contains("no held-out figures: give --test TEST.csv"), forced.out());
    }

    /** A label column of any name is a task: trained, evaluated, cross-validated and scored under its own name. */
    @Test
    void aTaskCanBeLearnedFromAColumnOfAnyName() throws Exception {
        Path csv = dir.resolve("labelled.csv");
        StringBuilder b = new StringBuilder("article_id,sentence_id,label,text\n");
        var rows = TestData.head("train", 300);
        for (var r : rows) {
            b.append(r.articleId()).append(',').append(r.sentenceId()).append(',').append(r.stance().equals("neutral") ? "none" : "position")
                    .append(",\"").append(r.text().replace("\"", "\"\"")).append("\"\n");
        }
        Files.writeString(csv, b);
        Path model = dir.resolve("label.zip");
        CliRunner.Result trained = CliRunner.run("train", csv.toString(), "--task", "label", "--no-embeddings", "-o", model.toString());
        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.out().contains("train label (n=" + rows.size() + ")"), trained.out());
        assertTrue(CliRunner.run("inspect", model.toString()).out().contains("labels:       label = none, position"));
        CliRunner.Result evaluated = CliRunner.run("evaluate", "-m", model.toString(), csv.toString());
        assertTrue(evaluated.out().contains("label (n=" + rows.size() + ")"), evaluated.out());
        CliRunner.Result cv = CliRunner.run("cross-validate", csv.toString(), "--task", "label", "--no-embeddings", "-k", "3");
        assertEquals(0, cv.code(), cv.err());
        assertTrue(cv.out().contains("pooled label (n=" + rows.size() + ")"), cv.out());
        CliRunner.Result jsonl = CliRunner.runWithStdin("واشنطن غير جادة في الانسحاب من العراق.\n", "score", "-m", model.toString(), "--sentences",
                "--format", "jsonl");
        assertTrue(jsonl.out().contains("\"label\":{\"label\":\""), jsonl.out());
        CliRunner.Result table = CliRunner.run("score", "-m", model.toString(), csv.toString(), "--format", "csv");
        assertTrue(table.out().startsWith("level,article_id,sentence_id,text,stance,stance_probability,topic,topic_probability,label,"
                + "label_probability,uncertain,skipped,p_label_none,p_label_position"), table.out().lines().findFirst().orElse(""));

        for (String clash : List.of("text", "uncertain", "type", "level", "article", "stance_probability", "p_stance_neutral")) { // an input column, or a field of the score outputs
            CliRunner.Result reserved = CliRunner.run("train", csv.toString(), "--task", clash, "-o", dir.resolve("x.zip").toString());
            assertEquals(2, reserved.code(), clash);
        }
        CliRunner.Result missing = CliRunner.run("train", csv.toString(), "--task", "polarity", "--no-embeddings", "-o", dir.resolve("x.zip").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no row has a 'polarity' label (is there a column named 'polarity'?)"), missing.err());
    }

    @Test
    void inspectIsReadableAndShowsNoOtherMachinesFolders() {
        CliRunner.Result r = CliRunner.run("inspect", TestData.REPO.resolve("models/iraq-presence.zip").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("Features[") || r.out().contains("Network[") || r.out().contains("{nfkc="), r.out());
        String shown = r.out().lines().filter(l -> !l.startsWith("model:")).collect(java.util.stream.Collectors.joining("\n"));
        assertFalse(shown.contains("/work/") || shown.contains("/home/"), "no absolute folder of the training machine: " + shown);
        assertTrue(r.out().contains("network:      LBFGS, no hidden layer"), r.out());
    }

    @Test
    void evaluateErrorsWritesTheMisclassifiedRowsOnly() throws Exception {
        Path csv = dir.resolve("test.csv");
        DatasetWriter.write(csv, TestData.head("test", 150));
        Path all = dir.resolve("all.csv");
        Path errors = dir.resolve("errors.csv");
        String model = TestModels.small().toString();
        assertEquals(0, CliRunner.run("evaluate", "-m", model, csv.toString(), "--predictions", all.toString()).code());
        assertEquals(0, CliRunner.run("evaluate", "-m", model, csv.toString(), "--predictions", errors.toString(), "--errors").code());
        List<String> wrong = Files.readAllLines(all).stream().skip(1).filter(l -> {
            String[] c = l.split(",");
            return !c[2].equals(c[3]) || !c[5].equals(c[6]);
        }).toList();
        assertEquals(wrong, Files.readAllLines(errors).subList(1, Files.readAllLines(errors).size()));
        assertEquals(2, CliRunner.run("evaluate", "-m", model, csv.toString(), "--errors").code(), "--errors needs --predictions");
    }
}
