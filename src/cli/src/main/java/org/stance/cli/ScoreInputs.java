package org.stance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stance.UserError;
import org.stance.data.ArticleSource;
import org.stance.data.PreparedSentences;
import org.stance.data.RawArticle;
import org.stance.io.InputFiles;
import org.stance.text.Segment;
import org.stance.text.SentenceSegmenter;

/**
 * What {@code score} reads, resolved and checked before anything is scored: article files, folders
 * and standard input; CSV and JSON-lines tables by their columns ({@link TableInput}); and, with
 * --sentences, files of one sentence per line. Under --on-error skip ({@code skip} not null) an
 * input that cannot be read is reported there and left out.
 */
final class ScoreInputs {

    private ScoreInputs() {
    }

    /**
     * A --sentences input: the file read (null for standard input), the name errors give, the
     * article id of its records, and whether it is streamed (standard input or a pipe, which can be
     * read once: it is checked line by line as it is scored, and each batch is written as soon as
     * it is scored when no more input is waiting, so that an interactive user sees every answer).
     * A table's rows are held in {@code rows} instead (null for a file of lines).
     */
    record LineInput(Path file, String name, String articleId, boolean streamed, List<TableInput.Row> rows) {

        InputStream open() {
            try {
                return file == null ? System.in : Files.newInputStream(file);
            } catch (IOException e) {
                throw new UserError("cannot read " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** An article with its segments (from its check, or a table's rows), and its own target (null: the --target given). */
    record CheckedArticle(RawArticle article, List<Segment> segments, String target) {
    }

    /** Resolves every --sentences input and checks each file (UTF-8, no NUL, not empty) before any scoring. */
    static List<LineInput> lines(List<Path> in, String textColumn, String idColumn, Consumer<String> skip) throws IOException {
        List<LineInput> out = new ArrayList<>();
        for (Path p : in) {
            if (p.toString().equals("-")) {
                out.add(new LineInput(null, "standard input", null, true, null));
            } else if (TableInput.isTable(p)) {
                skipping(skip, () -> out.add(new LineInput(p, p.toString(), null, false, TableInput.read(p, textColumn, idColumn).rows())));
            } else {
                for (Path f : InputFiles.files(List.of(p), skip)) {
                    out.add(new LineInput(f, f.toString(), InputFiles.idOf(f), InputFiles.isPipe(f), null));
                }
            }
        }
        List<LineInput> checked = new ArrayList<>();
        for (LineInput li : out) {
            skipping(skip, () -> {
                if (!li.streamed() && li.rows() == null) {
                    try (InputStream s = li.open()) {
                        // The checks scoring makes, all before the first record: UTF-8, a NUL byte, a line's length, empty input.
                        if (org.stance.io.TextFiles.checkText(s, li.name(), LineReader.MAX_LINE_CHARS, LineReader.TOO_LONG) == 0) {
                            throw new UserError(li.name() + " is empty: no sentence to score");
                        }
                    } catch (IOException e) {
                        throw new UserError("cannot read " + li.name() + ": " + e.getMessage(), e);
                    }
                }
                checked.add(li);
            });
        }
        return checked;
    }

    /**
     * Reads all articles and rejects empty, binary or non-Arabic ones before any scoring (checked in
     * parallel, reported in order). A table is one article per row, or, with an article_id column,
     * one article per article_id whose rows are its sentences as they are (not segmented again).
     */
    static List<CheckedArticle> articles(List<Path> in, String textColumn, String idColumn, Consumer<String> skip) {
        List<Object> read = new ArrayList<>(); // a RawArticle to check, or a CheckedArticle from a table
        for (Path p : in) {
            if (!p.toString().equals("-") && TableInput.isTable(p)) {
                skipping(skip, () -> read.addAll(tableArticles(TableInput.read(p, textColumn, idColumn))));
            } else {
                read.addAll(ArticleSource.read(List.of(p), System.in, skip));
            }
        }
        List<Object> checked = read.parallelStream().map(o -> {
            if (o instanceof RawArticle a) {
                try {
                    return (Object) new CheckedArticle(a, PreparedSentences.segmentChecked(new SentenceSegmenter(), a), null);
                } catch (UserError e) {
                    return e;
                }
            }
            return o;
        }).toList();
        List<CheckedArticle> out = new ArrayList<>(checked.size());
        Map<String, String> seen = new HashMap<>();
        for (Object o : checked) {
            if (o instanceof UserError e) {
                if (skip == null) {
                    throw e;
                }
                skip.accept(e.getMessage());
                continue;
            }
            CheckedArticle a = (CheckedArticle) o;
            String previous = seen.putIfAbsent(a.article().id(), a.article().source());
            if (previous != null) {
                throw new UserError("two inputs give the same article id '" + a.article().id() + "': " + previous + " and " + a.article().source());
            }
            out.add(a);
        }
        return out;
    }

    /** A table's articles: a row each (checked like a file), or the rows of each article_id as its sentences. */
    private static List<Object> tableArticles(TableInput.Table table) {
        List<Object> out = new ArrayList<>();
        String source = table.file().toString();
        if (!table.sentences()) {
            for (TableInput.Row r : table.rows()) {
                // a row without an id is named by its file and line, so that two tables' rows never share one
                String id = r.id() != null && !r.id().isBlank() ? r.id() : InputFiles.idOf(table.file()) + "-row-" + r.line();
                RawArticle a = new RawArticle(id, source + ":" + r.line(), r.text());
                try {
                    out.add(new CheckedArticle(a, PreparedSentences.segmentChecked(new SentenceSegmenter(), a), r.target()));
                } catch (UserError e) {
                    out.add(e);
                }
            }
            return out;
        }
        Map<String, List<TableInput.Row>> byArticle = new java.util.LinkedHashMap<>();
        for (TableInput.Row r : table.rows()) {
            byArticle.computeIfAbsent(r.articleId() == null || r.articleId().isBlank() ? InputFiles.idOf(table.file()) + "-row-" + r.line()
                    : r.articleId(), k -> new ArrayList<>())
                    .add(r);
        }
        byArticle.forEach((id, rows) -> {
            List<Segment> segments = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (TableInput.Row r : rows) {
                segments.add(new Segment(sentenceId(r, segments.size() + 1), r.text().strip(), null));
                text.append(r.text()).append('\n');
            }
            out.add(new CheckedArticle(new RawArticle(id, source, text.toString()), segments, rows.get(0).target()));
        });
        return out;
    }

    /** The row's sentence_id when it is a number (the records keep it), its position otherwise. */
    static int sentenceId(TableInput.Row r, int position) {
        try {
            return r.sentenceId() == null ? position : Integer.parseInt(r.sentenceId().strip());
        } catch (NumberFormatException e) {
            return position;
        }
    }

    /** Runs {@code read}; under --on-error skip, an input error is reported and the input left out. */
    private static void skipping(Consumer<String> skip, Runnable read) {
        try {
            read.run();
        } catch (UserError e) {
            if (skip == null) {
                throw e;
            }
            skip.accept(e.getMessage());
        }
    }
}
