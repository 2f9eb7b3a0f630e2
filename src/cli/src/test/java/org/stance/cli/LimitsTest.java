package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training that cannot work fails early with one line: a label column that is not one, a model that does not fit the heap. */
class LimitsTest {

    @TempDir
    Path dir;

    private Path csv(int rows, int labels, int wordsPerRow) throws IOException {
        Random random = new Random(7);
        String letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
        List<String> lines = new ArrayList<>(List.of("article_id,sentence_id,target,stance,text"));
        for (int i = 0; i < rows; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < wordsPerRow; w++) {
                for (int c = 0; c < 4; c++) {
                    text.append(letters.charAt(random.nextInt(letters.length())));
                }
                text.append(' ');
            }
            lines.add("a" + i / 5 + "," + (i % 5 + 1) + ",iraq,label" + i % labels + "," + text.toString().strip());
        }
        return Files.write(dir.resolve("rows" + rows + "x" + labels + ".csv"), lines, StandardCharsets.UTF_8);
    }

    @Test
    void aLabelPerRowIsRefusedBeforeTraining() throws IOException {
        CliRunner.Result r = CliRunner.run("train", csv(1000, 1000, 8).toString(), "--task", "stance", "--no-embeddings", "-o",
                dir.resolve("m.zip").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("task 'stance' has 1000 distinct labels in 1000 labeled training rows"), r.err());
        assertTrue(!r.err().contains("vocabulary:"), "refused before the features are built: " + r.err());
    }

    @Test
    void aModelLargerThanTheHeapIsRefusedBeforeItIsAllocated() throws Exception {
        Path data = csv(800, 300, 12);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx200m", "-cp",
                System.getProperty("java.class.path"), StanceCommand.class.getName(), "train", data.toString(), "--task", "stance",
                "--no-embeddings", "-o", dir.resolve("big.zip").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("training would need about") && out.contains("more than this Java heap's"), out);
        assertTrue(!Files.exists(dir.resolve("big.zip")));
    }
}
