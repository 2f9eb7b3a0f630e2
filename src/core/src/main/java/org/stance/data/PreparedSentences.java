package org.stance.data;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.stance.io.SpreadsheetSafe;
import org.stance.UserError;
import org.stance.text.Segment;
import org.stance.text.SentenceSegmenter;

/** The sentences of raw articles, as {@code prepare} writes them. */
public record PreparedSentences(List<Row> rows) {

    /** One output row: a segment of an article. */
    public record Row(RawArticle article, Segment segment) {
    }

    /** Segments every article (see {@link #segmentChecked} for what is refused). */
    public static PreparedSentences of(List<RawArticle> articles, boolean keepBoilerplate) {
        SentenceSegmenter segmenter = new SentenceSegmenter();
        List<Row> rows = new ArrayList<>();
        for (RawArticle a : articles) {
            for (Segment s : segmentChecked(segmenter, a)) {
                if (keepBoilerplate || s.isSentence()) {
                    rows.add(new Row(a, s));
                }
            }
        }
        return new PreparedSentences(rows);
    }

    /**
     * The article's segments; an empty article, or one without a single sentence of Arabic text,
     * is an error, not an empty result: it is usually the wrong file.
     */
    public static List<Segment> segmentChecked(SentenceSegmenter segmenter, RawArticle a) {
        String where = a.source().equals("-") ? "standard input" : a.source();
        if (a.text().isBlank()) {
            throw new UserError(a.source().equals("-") ? "standard input is empty" : where + ": the file is empty");
        }
        List<Segment> segments = segmenter.segment(a.text());
        if (segments.stream().noneMatch(Segment::isSentence)) {
            throw new UserError(where + ": no sentence of Arabic article text found");
        }
        return segments;
    }

    public long sentenceCount() {
        return rows.stream().filter(r -> r.segment().isSentence()).count();
    }

    public void writeCsv(Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(Columns.ALL.toArray(String[]::new)).build();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (Row r : rows) {
            printer.printRecord(SpreadsheetSafe.cells(r.article().id(), r.segment().index(), r.article().source(), r.segment().kind(), "", "",
                    "", r.segment().text()));
        }
        printer.flush();
    }
}
