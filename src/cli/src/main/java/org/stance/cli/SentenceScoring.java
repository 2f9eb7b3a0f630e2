package org.stance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.stance.UserError;
import org.stance.api.SentenceScore;
import org.stance.api.StanceModel;
import org.stance.cli.ScoreInputs.LineInput;

/**
 * {@code score --sentences}: each line of a file or standard input, or each row of a table, scored
 * on its own, one record each, in input order. {@code count[0]} counts the sentences written,
 * {@code count[1]} those not scored (empty, no Arabic letter).
 */
final class SentenceScoring {

    private final StanceModel scorer;
    private final ScoreWriter writer;
    private final String target;
    private final UnaryOperator<String> rowTarget;
    private final long[] count;

    SentenceScoring(StanceModel scorer, ScoreWriter writer, String target, UnaryOperator<String> rowTarget, long[] count) {
        this.scorer = scorer;
        this.writer = writer;
        this.target = target;
        this.rowTarget = rowTarget;
        this.count = count;
    }

    /**
     * Scores a table's rows as sentences, each on its own, in batches: a record per row, whose
     * article_id is the row's article_id (or its id) and whose sentence_id is the row's (or its number).
     */
    long rows(List<TableInput.Row> rows) throws IOException {
        int batch = scorer.streamingBatch();
        for (int from = 0; from < rows.size(); from += batch) {
            List<TableInput.Row> part = rows.subList(from, Math.min(rows.size(), from + batch));
            List<String> targets = part.stream().map(r -> rowTarget.apply(r.target())).toList();
            List<SentenceScore> scores = scorer.scoreSentences(part.stream().map(TableInput.Row::text).toList(), targets);
            for (int i = 0; i < part.size(); i++) {
                TableInput.Row r = part.get(i);
                SentenceScore s = scores.get(i);
                if (s.skipped() != null) {
                    count[1]++;
                }
                writer.sentence(r.articleId() != null ? r.articleId() : r.id(), s.withId(ScoreInputs.sentenceId(r, from + i + 1)));
            }
        }
        return rows.size();
    }

    /** Flushes what has been written so far to the output. */
    interface Flush {
        void run() throws IOException;
    }

    long lines(InputStream stream, LineInput input, Flush flush)
            throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        LineReader reader = new LineReader(new InputStreamReader(stream, decoder));
        java.util.concurrent.ExecutorService dispatcher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stance-dispatch");
            t.setDaemon(true);
            return t;
        });
        long lines = 0;
        int first = 1;
        java.util.concurrent.Future<List<SentenceScore>> pending = null;
        int pendingFirst = 0;
        try {
            while (true) {
                List<String> batch = new ArrayList<>();
                String line = null;
                while (batch.size() < scorer.streamingBatch()) {
                    if (input.streamed() && !ready(reader, input.name())) {
                        if (!batch.isEmpty()) {
                            break; // score what has arrived
                        }
                        if (pending != null) {
                            write(pending, pendingFirst, input.articleId()); // show what is done before waiting
                            pending = null;
                            flush.run();
                        }
                    }
                    if ((line = readInputLine(reader, input.name(), lines)) == null) {
                        break;
                    }
                    if (lines == 0 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (input.streamed() && line.indexOf('\0') >= 0) {
                        throw new UserError(input.name() + ":" + (lines + 1) + ": binary data (a NUL byte); expected UTF-8 text");
                    }
                    batch.add(line);
                    lines++;
                }
                java.util.concurrent.Future<List<SentenceScore>> next = batch.isEmpty() ? null
                        : dispatcher.submit(() -> scorer.scoreSentences(batch, target));
                if (pending != null) {
                    write(pending, pendingFirst, input.articleId());
                }
                pending = next;
                pendingFirst = first;
                first += batch.size();
                if (next == null) {
                    break;
                }
            }
        } finally {
            dispatcher.shutdownNow();
        }
        if (lines == 0) {
            throw new UserError(input.name() + " is empty: no sentence to score");
        }
        return lines;
    }

    private static boolean ready(LineReader reader, String name) {
        try {
            return reader.ready();
        } catch (IOException e) {
            throw new UserError("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private void write(java.util.concurrent.Future<List<SentenceScore>> scores, int first, String articleId) throws IOException {
        List<SentenceScore> done = ScoreCommand.await(scores);
        for (SentenceScore s : done) {
            if (s.skipped() != null) {
                count[1]++;
            }
            writer.sentence(articleId, s.withId(first + s.id() - 1));
        }
    }

    /** The next input line; the input was checked before scoring, so a failure here is a read error of the input itself. */
    private static String readInputLine(LineReader reader, String name, long linesSoFar) {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new UserError(name + ":" + (linesSoFar + 1) + ": not valid UTF-8; save the input as UTF-8");
        } catch (LineReader.LineTooLong e) {
            throw new UserError(name + ":" + (linesSoFar + 1) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read " + name + ": " + e.getMessage(), e); // an input failure, not an output one
        }
    }
}
