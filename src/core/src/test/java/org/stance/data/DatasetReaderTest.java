package org.stance.data;

import org.stance.curation.IraqPresence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.UserError;

class DatasetReaderTest {

    private static final String HEADER = "article_id,sentence_id,target,stance,topic,text\n";
    private static final String ROW1 = "a1,1,iraq,pro_withdrawal,negotiations,طالب البرلمان بخروج القوات الأجنبية.\n";
    private static final String ROW2 = "a1,2,iraq,neutral,presence,يوجد 2500 جندي أمريكي في العراق.\n";

    @TempDir
    Path dir;

    private final DatasetReader strict = new DatasetReader(IraqPresence.schema());

    private Path write(String content) throws IOException {
        return write(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(byte[] bytes) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.write(f, bytes);
        return f;
    }

    private String error(Path file, DatasetReader reader) {
        return assertThrows(UserError.class, () -> reader.read(file)).getMessage();
    }

    @Test
    void readsAValidFileWithLineNumbersAndHash() throws IOException {
        Path f = write(HEADER + ROW1 + "a1,3,iraq,status_quo,presence,\"قال إن القوات\nستبقى.\"\n" + ROW2.replace("a1,2", "a2,1"));
        Dataset d = strict.read(f);
        assertEquals(3, d.size());
        assertEquals(2, d.rows().get(0).line());
        assertEquals(3, d.rows().get(1).line());
        assertEquals(5, d.rows().get(2).line());
        assertEquals("status_quo", d.rows().get(1).stance());
        assertEquals(64, d.sha256().length());
        assertEquals(Set.of("a1", "a2"), d.articles());
    }

    @Test
    void toleratesALeadingUtf8Bom() throws IOException {
        byte[] body = (HEADER + ROW1).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertEquals(1, strict.read(write(withBom)).size());
    }

    @Test
    void missingColumnIsNamedWithTheColumnsFound() throws IOException {
        String msg = error(write("article_id,sentence_id,target,topic,text\na1,1,iraq,other,نص عربي هنا.\n"), strict);
        assertTrue(msg.contains("missing column 'stance'"), msg);
        assertTrue(msg.contains("columns found: article_id, sentence_id, target, topic, text"), msg);
    }

    @Test
    void unknownLabelListsTheKnownOnes() throws IOException {
        String msg = error(write(HEADER + ROW1 + "a1,2,iraq,against,presence,نص عربي هنا.\n"), strict);
        assertTrue(msg.contains("data.csv:3: column 4 (stance): unknown label 'against'"), msg);
        assertTrue(msg.contains("known: pro_withdrawal, status_quo, skeptical, neutral"), msg);
    }

    @Test
    void emptyTextAndNonArabicTextAreReported() throws IOException {
        assertTrue(error(write(HEADER + "a1,1,iraq,neutral,other,  \n"), strict).contains("data.csv:2: column 6 (text): empty text"));
        assertTrue(error(write(HEADER + "a1,1,iraq,neutral,other,Read Previous\n"), strict).contains("no Arabic letter"));
    }

    @Test
    void emptyRequiredLabelIsReported() throws IOException {
        assertTrue(error(write(HEADER + "a1,1,iraq,,other,نص عربي هنا.\n"), strict).contains("column 4 (stance): empty label"));
    }

    @Test
    void duplicateIdNamesBothLines() throws IOException {
        String msg = error(write(HEADER + ROW1 + ROW1), strict);
        assertTrue(msg.contains("data.csv:3: duplicate id (article_id a1, sentence_id 1) first seen on line 2"), msg);
    }

    @Test
    void wrongFieldCountIsReported() throws IOException {
        String msg = error(write(HEADER + "a1,1,iraq,neutral,نص بلا موضوع\n"), strict);
        assertTrue(msg.contains("data.csv:2: expected 6 fields, found 5"), msg);
    }

    @Test
    void unterminatedQuoteIsReportedOnTheLineWhereItOpens() throws IOException {
        String msg = error(write(HEADER + ROW1 + "a1,2,iraq,neutral,other,\"نص لم يغلق\n" + ROW1.replace("a1,1", "a1,3").repeat(1) + ROW1.replace("a1,1", "a1,4")), strict);
        assertTrue(msg.contains("data.csv:3: a quoted field opens on this line and is never closed"), msg);
    }

    @Test
    void aDuplicateColumnNameIsRefused() throws IOException {
        String msg = error(write("article_id,sentence_id,target,stance,topic,text,stance\n"), strict);
        assertTrue(msg.contains("data.csv:1: column 7: the column name 'stance' appears twice (first as column 4)"), msg);
    }

    @Test
    void wrongEncodingNamesTheLine() throws IOException {
        byte[] latin1 = (HEADER + "a1,1,iraq,neutral,other,caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        String msg = error(write(latin1), strict);
        assertTrue(msg.contains("data.csv:2: not valid UTF-8"), msg);
    }

    @Test
    void utf16AndInnerBomAreReported() throws IOException {
        assertTrue(error(write((HEADER + ROW1).getBytes(StandardCharsets.UTF_16)), strict).contains("UTF-16"));
        String msg = error(write(HEADER + ROW1 + "\uFEFFa1,2,iraq,neutral,other,نص عربي هنا.\n"), strict);
        assertTrue(msg.contains("data.csv:3: column 1 (article_id): a byte-order mark inside the cell"), msg);
    }

    @Test
    void aZeroWidthNoBreakSpaceInsideTextIsRead() throws IOException {
        Dataset d = strict.read(write(HEADER + "a1,1,iraq,neutral,other,نص\uFEFF عربي هنا.\n"));
        assertEquals(1, d.size());
    }

    @Test
    void emptyAndHeaderOnlyFilesAreReported() throws IOException {
        assertTrue(error(write(""), strict).contains("the file is empty"));
        assertTrue(error(write(HEADER), strict).contains("header but no rows"));
    }

    @Test
    void allProblemsAreCountedNotJustTheFirst() throws IOException {
        DatasetReader.DatasetException e = assertThrows(DatasetReader.DatasetException.class,
                () -> strict.read(write(HEADER + "a1,1,iraq,bad,other,نص.\na1,2,iraq,neutral,bad,نص.\n")));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().endsWith("(and 1 more problem)"), e.getMessage());
    }

    @Test
    void openSchemaAcceptsAnyWordLabelButRequiresTheColumn() throws IOException {
        DatasetReader open = new DatasetReader(DatasetSchema.open(Set.of("stance")));
        Dataset d = open.read(write("text,target,stance\nنص عربي هنا.,covid_vaccine,favor\n"));
        assertEquals("favor", d.rows().get(0).stance());
        assertTrue(error(write("text,stance\nنص عربي هنا.,not a label\n"), open).contains("must be one word"));
    }

    @Test
    void missingFileIsAUserError() {
        assertTrue(assertThrows(UserError.class, () -> strict.read(dir.resolve("nope.csv"))).getMessage().contains("no such file"));
    }
}
