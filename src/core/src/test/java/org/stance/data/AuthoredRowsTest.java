package org.stance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.UserError;
import org.stance.curation.DatasetSplitter;
import org.stance.curation.IraqPresence;

/** Authored rows (source authored:URL): cited, never held out, never evaluated on, never from a held-out page. */
class AuthoredRowsTest {

    private static final String HEADER = "article_id,sentence_id,source,target,stance,topic,text\n";
    private static final String PAGE = "https://example.org/news/2024/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static String row(String article, int id, String source) {
        return article + "," + id + "," + source + ",iraq,skeptical,negotiations,واشنطن لا تنوي مغادرة العراق رغم الإعلان.\n";
    }

    @Test
    void anAuthoredRowMustCiteTheUrlItWasModeledOn() throws IOException {
        DatasetReader reader = new DatasetReader(IraqPresence.schema());
        Dataset ok = reader.read(write("ok.csv", HEADER + row("w1", 1, "authored:" + PAGE) + row("r1", 1, "seeds/x.txt")));
        assertTrue(ok.rows().get(0).authored());
        assertEquals(PAGE, ok.rows().get(0).modeledOn());
        assertFalse(ok.rows().get(1).authored());
        for (String bad : List.of("authored:", "authored: ", "authored:modeled on a page", "authored:https://")) {
            Path f = write("bad.csv", HEADER + row("r1", 1, "seeds/x.txt") + row("w1", 1, bad));
            String message = assertThrows(UserError.class, () -> reader.read(f)).getMessage();
            assertTrue(message.startsWith(f + ":3: column 3 (source): an authored row must cite the page"), message);
        }
    }

    @Test
    void authoredRowsAreRefusedInAnEvaluatedSet() throws IOException {
        Path f = write("dev.csv", HEADER + row("r1", 1, "seeds/x.txt") + row("w1", 1, "authored:" + PAGE));
        Dataset dev = new DatasetReader(IraqPresence.schema()).read(f);
        String message = assertThrows(UserError.class, () -> dev.requireReal("dev")).getMessage();
        assertEquals(f + ":3: article w1 is authored (source authored:" + PAGE + "); authored text is training material only and cannot be in a dev set",
                message);
        Dataset real = new DatasetReader(IraqPresence.schema()).read(write("test.csv", HEADER + row("r1", 1, "seeds/x.txt")));
        assertEquals(real, real.requireReal("test"));
    }

    @Test
    void aRowFromOrModeledOnAHeldOutPageIsRefusedWhateverItsSpelling() throws IOException {
        String decoded = "http://www.example.org/news/2024/العراق/";
        HeldOutSources heldOut = HeldOutSources.read(write("held.tsv", "id\turl\nx1\t" + decoded + "\nx2\thttps://other.org/a\n"));
        assertTrue(heldOut.contains(PAGE), "percent-encoded, https and without www. or slash is the same page");
        assertFalse(heldOut.contains("https://example.org/news/2024/"));
        assertFalse(heldOut.contains(""));
        Path f = write("train.csv", HEADER + row("r1", 1, "seeds/x.txt") + row("w1", 1, "authored:" + PAGE));
        Dataset train = new DatasetReader(IraqPresence.schema()).read(f);
        String message = assertThrows(UserError.class, () -> train.requireNoneOf(heldOut)).getMessage();
        assertTrue(message.startsWith(f + ":3: article w1 is from a held-out page (" + PAGE), message);
        Dataset clean = new DatasetReader(IraqPresence.schema()).read(write("clean.csv", HEADER + row("w2", 1, "authored:https://other.org/b")));
        assertEquals(clean, clean.requireNoneOf(heldOut));
    }

    /** The seeds' train split with every third article marked authored. */
    private static List<LabeledSentence> withAuthored(List<LabeledSentence> rows) {
        List<String> articles = rows.stream().map(LabeledSentence::articleId).distinct().toList();
        List<LabeledSentence> out = new ArrayList<>();
        for (LabeledSentence r : rows) {
            boolean authored = articles.indexOf(r.articleId()) % 3 == 0;
            out.add(authored ? new LabeledSentence(r.articleId(), r.sentenceId(), "authored:" + PAGE, r.target(), r.stance(), r.topic(), r.text(), r.line()) : r);
        }
        return out;
    }

    @Test
    void authoredRowsAreInNoHeldOutFoldAndTheRealRowsFoldAsWithoutThem() {
        List<LabeledSentence> rows = withAuthored(TestData.split("train"));
        int[] fold = GroupSplitter.folds(rows, "stance", 5, 1);
        List<LabeledSentence> real = new ArrayList<>();
        List<Integer> realFold = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).authored()) {
                assertEquals(GroupSplitter.ALWAYS_TRAIN, fold[i]);
            } else {
                real.add(rows.get(i));
                realFold.add(fold[i]);
            }
        }
        assertArrayEquals(GroupSplitter.folds(real, "stance", 5, 1), realFold.stream().mapToInt(Integer::intValue).toArray());
        for (int f = 0; f < 5; f++) {
            assertTrue(GroupSplitter.select(rows, fold, f, true).stream().noneMatch(LabeledSentence::authored));
            assertEquals(rows.stream().filter(LabeledSentence::authored).count(),
                    GroupSplitter.select(rows, fold, f, false).stream().filter(LabeledSentence::authored).count());
        }
        Map<String, List<LabeledSentence>> parts = DatasetSplitter.split(rows, "stance", 10, 2, 1, 3);
        assertTrue(parts.get("test").stream().noneMatch(LabeledSentence::authored));
        assertTrue(parts.get("dev").stream().noneMatch(LabeledSentence::authored));
        assertEquals(rows.stream().filter(LabeledSentence::authored).count(), parts.get("train").stream().filter(LabeledSentence::authored).count());
    }
}
