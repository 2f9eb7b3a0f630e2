package org.stance.data;

import org.stance.io.Hashes;
import org.stance.io.TextFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.stance.UserError;
import org.stance.text.ArabicNormalizer;

/**
 * Reads sentence CSVs (UTF-8, RFC 4180, header row) and checks them against a {@link DatasetSchema}.
 * Every problem names the file, the line and the column; no row is ever dropped silently: the read
 * fails and lists what to fix, the first problem in full and how many more there are.
 */
public final class DatasetReader {

    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}_-]+");
    private static final int MAX_REPORTED = 20;

    private final DatasetSchema schema;
    private final java.util.function.Consumer<String> skipped; // null: strict, a bad row fails the file

    public DatasetReader(DatasetSchema schema) {
        this(schema, null);
    }

    private DatasetReader(DatasetSchema schema, java.util.function.Consumer<String> skipped) {
        this.schema = schema;
        this.skipped = skipped;
    }

    /**
     * A reader that leaves out each row with a problem of its own (no Arabic letter, an unknown label,
     * a wrong field count, a duplicate id), handing its first problem, with file and line, to
     * {@code report}; problems of the file itself (columns, encoding, an unclosed quote) still fail it.
     */
    public DatasetReader skippingInvalidRows(java.util.function.Consumer<String> report) {
        return new DatasetReader(schema, report);
    }

    /**
     * The key a target is known by: any text, case and spacing folded ("Women empowerment" and
     * "women  Empowerment" are the target women_empowerment), so a target needs no special spelling.
     */
    public static String targetKey(String target) {
        return java.text.Normalizer.normalize(target, java.text.Normalizer.Form.NFKC).strip().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\s+", "_");
    }

    /** Reads one file. */
    public Dataset read(Path file) {
        byte[] bytes = TextFiles.readBytes(file);
        return new Dataset(file.toString(), parse(bytes, file.toString()), Hashes.sha256(bytes));
    }

    /** Reads several files as one dataset (for example train and dev). */
    public Dataset read(List<Path> files) {
        List<LabeledSentence> rows = new ArrayList<>();
        StringBuilder hashes = new StringBuilder();
        for (Path f : files) {
            Dataset d = read(f);
            rows.addAll(d.rows());
            hashes.append(d.sha256());
        }
        String name = String.join("+", files.stream().map(Path::toString).toList());
        return new Dataset(name, rows, files.size() == 1 ? hashes.toString() : Hashes.sha256(hashes.toString()));
    }

    List<LabeledSentence> parse(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new UserError(name + ": the file is empty; expected a CSV with a header row");
        }
        String content = TextFiles.decode(bytes, name);
        int[] lineStarts = lineStarts(content);
        List<String> problems = new ArrayList<>();
        List<LabeledSentence> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(content), format)) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header, name);
            Map<String, Integer> seenIds = new HashMap<>();
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                List<String> rowProblems = new ArrayList<>();
                LabeledSentence row = toRow(record, header, line, name, rowProblems);
                if (row != null) {
                    checkDuplicate(row, seenIds, name, rowProblems);
                }
                if (rowProblems.isEmpty()) {
                    rows.add(row);
                } else if (skipped != null) {
                    skipped.accept(rowProblems.get(0));
                } else {
                    rowProblems.forEach(p -> report(problems, p));
                }
            }
        } catch (UncheckedIOException | IOException e) {
            String msg = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            java.util.regex.Matcher open = Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished").matcher(msg);
            if (open.find()) {
                problems.add(name + ":" + open.group(1) + ": a quoted field opens on this line and is never closed (an unbalanced \" quote)");
            } else {
                problems.add(name + ": malformed CSV: " + msg);
            }
        } catch (IllegalArgumentException e) {
            problems.add(name + ":1: bad header row: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem" + (problems.size() > 2 ? "s" : "") + ")" : "";
            throw new DatasetException(problems.get(0) + more, problems);
        }
        if (rows.isEmpty()) {
            throw new UserError(name + ": the CSV has a header but no rows");
        }
        return rows;
    }

    private void checkHeader(List<String> header, String name) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            if (!header.get(i).isEmpty() && !seen.add(header.get(i))) {
                throw new UserError(name + ":1: column " + (i + 1) + ": the column name '" + header.get(i) + "' appears twice (first as column "
                        + (header.indexOf(header.get(i)) + 1) + "); every column needs its own name");
            }
        }
        if (!header.contains(Columns.TEXT)) {
            throw new UserError(name + ":1: missing column '" + Columns.TEXT + "' (columns found: " + String.join(", ", header) + ")");
        }
        for (String required : schema.requiredLabels()) {
            if (!header.contains(required)) {
                throw new UserError(name + ":1: missing column '" + required + "' (columns found: " + String.join(", ", header) + ")");
            }
        }
    }

    private LabeledSentence toRow(CSVRecord record, List<String> header, int line, String name, List<String> problems) {
        if (record.size() != header.size()) {
            report(problems, name + ":" + line + ": expected " + header.size() + " fields, found " + record.size()
                    + " (an unquoted comma or a missing field?)");
            return null;
        }
        // A byte-order mark opening a row is what concatenating two CSV files leaves behind; one
        // inside scraped text is a zero-width no-break space and is read as such.
        if (record.size() > 0 && record.get(0).startsWith("\uFEFF")) {
            report(problems, where(name, line, header, 0) + ": a byte-order mark inside the cell (were files concatenated?)");
        }
        String text = org.stance.io.SpreadsheetSafe.text(cell(record, Columns.TEXT).strip());
        if (text.isEmpty()) {
            report(problems, where(name, line, header, header.indexOf(Columns.TEXT)) + ": empty text");
        } else if (!ArabicNormalizer.hasArabicLetter(text)) {
            report(problems, where(name, line, header, header.indexOf(Columns.TEXT)) + ": text has no Arabic letter: \"" + abbreviate(text) + "\"");
        }
        String source = cell(record, Columns.SOURCE).strip();
        if (source.startsWith(LabeledSentence.AUTHORED) && !isUrl(source.substring(LabeledSentence.AUTHORED.length()).strip())) {
            report(problems, where(name, line, header, header.indexOf(Columns.SOURCE)) + ": an authored row must cite the page it was modeled on"
                    + " (source 'authored:https://…'), found '" + abbreviate(source) + "'");
        }
        for (String column : List.of(Columns.TARGET, Columns.STANCE, Columns.TOPIC)) {
            if (header.contains(column)) {
                checkLabel(record, header, column, line, name, problems);
            }
        }
        Map<String, String> other = new HashMap<>();
        for (String column : schema.otherLabelColumns()) {
            if (header.contains(column)) {
                checkLabel(record, header, column, line, name, problems);
                other.put(column, record.get(column).strip());
            }
        }
        return new LabeledSentence(org.stance.io.SpreadsheetSafe.text(cell(record, Columns.ARTICLE_ID).strip()), cell(record, Columns.SENTENCE_ID).strip(),
                source, targetKey(cell(record, Columns.TARGET)), cell(record, Columns.STANCE).strip(),
                cell(record, Columns.TOPIC).strip(), text, line, other);
    }

    private void checkLabel(CSVRecord record, List<String> header, String column, int line, String name, List<String> problems) {
        String value = column.equals(Columns.TARGET) ? targetKey(record.get(column)) : record.get(column).strip();
        int c = header.indexOf(column);
        if (value.isEmpty()) {
            if (schema.requiredLabels().contains(column)) {
                report(problems, where(name, line, header, c) + ": empty label");
            }
            return;
        }
        List<String> known = schema.knownLabels().get(column);
        if (known != null && !known.contains(value)) {
            report(problems, where(name, line, header, c) + ": unknown label '" + value + "' (known: " + String.join(", ", known) + ")");
        } else if (known == null && !column.equals(Columns.TARGET) && !LABEL.matcher(value).matches()) {
            report(problems, where(name, line, header, c) + ": label '" + abbreviate(value) + "' must be one word of letters, digits, '_' or '-'");
        }
    }

    private static void checkDuplicate(LabeledSentence row, Map<String, Integer> seen, String name, List<String> problems) {
        if (row.articleId().isEmpty() || row.sentenceId().isEmpty()) {
            return;
        }
        Integer first = seen.putIfAbsent(row.articleId() + "\u0000" + row.sentenceId(), row.line());
        if (first != null) {
            report(problems, name + ":" + row.line() + ": duplicate id (article_id " + row.articleId() + ", sentence_id "
                    + row.sentenceId() + ") first seen on line " + first);
        }
    }

    private static boolean isUrl(String s) {
        return (s.startsWith("https://") || s.startsWith("http://")) && s.length() > "https://".length() && s.chars().noneMatch(Character::isWhitespace);
    }

    private static String cell(CSVRecord record, String column) {
        return record.isMapped(column) ? record.get(column) : "";
    }

    private static String where(String name, int line, List<String> header, int column) {
        return name + ":" + line + ": column " + (column + 1) + " (" + header.get(column) + ")";
    }

    private static void report(List<String> problems, String problem) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(problem);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static int[] lineStarts(String content) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int idx = Arrays.binarySearch(lineStarts, (int) position);
        return (idx >= 0 ? idx : -idx - 2) + 1;
    }

    /** A dataset that failed validation; {@link #problems()} lists each problem on its own line. */
    public static final class DatasetException extends UserError {
        private final List<String> problems;

        public DatasetException(String message, List<String> problems) {
            super(message);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
