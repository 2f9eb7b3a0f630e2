package org.stance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.stance.UserError;
import org.stance.io.SpreadsheetSafe;
import org.stance.io.TextFiles;

/**
 * The CSV and JSON-lines inputs of {@code score}, read by their columns as the Spark job reads them:
 * a text column (default {@code text}), an id column (default {@code id}), and optionally
 * {@code article_id} (rows are then sentences of that article, in order), {@code sentence_id} and
 * {@code target}. A table without its text column is refused, naming the columns it has.
 */
final class TableInput {

    /** One row: {@code line} is where it starts in the file (1 is a CSV's header). */
    record Row(String id, String articleId, String sentenceId, String text, String target, long line) {
    }

    /** A table read whole; {@code sentences} when it has an article_id column (each row a sentence of its article). */
    record Table(Path file, List<Row> rows, boolean sentences) {
    }

    private TableInput() {
    }

    /** Whether score reads the file as a table (by its name: .csv, .jsonl, .json). */
    static boolean isTable(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".json")) && Files.isRegularFile(p);
    }

    static Table read(Path file, String textColumn, String idColumn) {
        String content = TextFiles.decode(TextFiles.readBytes(file), file.toString());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Row> rows = name.endsWith(".csv") ? csv(file, content, textColumn, idColumn) : jsonLines(file, content, textColumn, idColumn);
        if (rows.isEmpty()) {
            throw new UserError(file + ": no row to score");
        }
        return new Table(file, rows, rows.get(0).articleId() != null);
    }

    private static List<Row> csv(Path file, String content, String textColumn, String idColumn) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(content.startsWith("\uFEFF") ? content.substring(1) : content), format)) {
            List<String> header = parser.getHeaderNames();
            requireColumn(file, header, textColumn);
            for (CSVRecord r : parser) {
                rows.add(new Row(cell(r, idColumn), header.contains("article_id") ? cell(r, "article_id") : null, cell(r, "sentence_id"),
                        SpreadsheetSafe.text(cell(r, textColumn) == null ? "" : cell(r, textColumn)), cell(r, "target"), r.getParser().getCurrentLineNumber()));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError(file + ": malformed CSV: " + firstLine(e.getMessage()), e);
        }
        return rows;
    }

    private static String cell(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : null;
    }

    private static List<Row> jsonLines(Path file, String content, String textColumn, String idColumn) {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        Boolean grouped = null;
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line.startsWith("\uFEFF") ? line.substring(1) : line);
            } catch (IOException e) {
                throw new UserError(file + ":" + (i + 1) + ": not a JSON object (" + firstLine(((com.fasterxml.jackson.core.JsonProcessingException) e)
                        .getOriginalMessage()) + ")", e);
            }
            if (node == null || !node.isObject()) {
                throw new UserError(file + ":" + (i + 1) + ": not a JSON object");
            }
            if (!node.has(textColumn)) {
                throw new UserError(file + ":" + (i + 1) + ": no '" + textColumn + "' field (fields: " + String.join(", ", iterable(node)) + ")"
                        + "; name the text field with --text-column");
            }
            boolean hasArticle = node.has("article_id");
            if (grouped != null && grouped != hasArticle) {
                throw new UserError(file + ":" + (i + 1) + ": 'article_id' is given on some lines and not on others");
            }
            grouped = hasArticle;
            rows.add(new Row(text(node, idColumn), hasArticle ? text(node, "article_id") : null, text(node, "sentence_id"),
                    node.get(textColumn).isNull() ? "" : node.get(textColumn).asText(), text(node, "target"), i + 1L));
        }
        return rows;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void requireColumn(Path file, List<String> header, String column) {
        if (!header.contains(column)) {
            throw new UserError(file + ":1: no '" + column + "' column (columns: " + String.join(", ", header)
                    + "); name the text column with --text-column");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
