package org.stance.embed;

import org.stance.io.InputFiles;
import org.stance.io.Hashes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.stance.UserError;
import org.stance.io.TextFiles;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Segment;
import org.stance.text.SentenceSegmenter;
import org.stance.text.Tokenizer;

/**
 * Unlabeled text for embedding training, normalised and tokenised by the project's own pipeline
 * (DL4J's preprocessors leave Arabic punctuation glued to words). Each text becomes one line of
 * space-separated tokens. Inputs, by kind:
 * <ul>
 *   <li>a folder: its *.txt articles (recursively); a .txt file: one article. Page boilerplate
 *       (comment forms, "related articles") is dropped with the {@link SentenceSegmenter}.</li>
 *   <li>a .csv (RFC 4180) or .tsv (tab-separated, "" as quote escape, the ANT layout) file with a
 *       header row: its {@code text} column, preceded by {@code title} when there is one. Labels
 *       are ignored, so any sentence CSV (prepare output, datasets, tweets) will do.</li>
 *   <li>a .jsonl or .jsonl.gz file (SaudiNewsNet's layout): one JSON object per line, its
 *       {@code title} and {@code text}; its {@code doc_id} identifies it.</li>
 * </ul>
 * Documents whose id is excluded (the held-out articles of ../shared/corpus/HELD-OUT.tsv) are
 * left out: a table's {@code docno}, {@code doc_id} or {@code article_id} cell, a JSON line's
 * {@code doc_id}, an article file whose name contains the id.
 * A text seen twice (ANT lists about 1,100 articles under two labels) is used once, so that
 * duplicates do not double their words' weight.
 *
 * @param lines       token lines, one per text
 * @param inputs      what was read, with hashes, for the artifact's manifest
 * @param tokens      number of tokens over all lines
 * @param normalizer  the normalisation applied before tokenising
 */
public record TrainingCorpus(List<String> lines, List<Input> inputs, long tokens, NormalizerConfig normalizer) {

    /** One input path: how many texts it gave, how many were excluded, and the SHA-256 of its bytes (of its files' hashes for a folder). */
    public record Input(String path, int texts, int duplicates, int excluded, String sha256) {
    }

    public TrainingCorpus {
        lines = List.copyOf(lines);
        inputs = List.copyOf(inputs);
    }

    /** Fails with a UserError naming the first input that does not exist or has an unknown kind. */
    public static void checkReadable(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new UserError("no corpus given: name at least one folder of .txt articles, a .csv or a .tsv file");
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserError(p + ": no such file or folder");
            }
            if (!Files.isReadable(p)) {
                throw new UserError(p + ": permission denied");
            }
        }
    }

    public static TrainingCorpus read(List<Path> paths, NormalizerConfig config) {
        return read(paths, config, Set.of());
    }

    /** The corpus without the documents whose id is in {@code excludedIds}. */
    public static TrainingCorpus read(List<Path> paths, NormalizerConfig config, Set<String> excludedIds) {
        checkReadable(paths);
        ArabicNormalizer normalizer = new ArabicNormalizer(config);
        Set<String> seen = new HashSet<>();
        List<String> lines = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        for (Path p : paths) {
            RawTexts raw = rawTexts(p, excludedIds);
            int before = lines.size();
            List<String> tokenLines = raw.texts().parallelStream()
                    .map(t -> String.join(" ", Tokenizer.tokenize(normalizer.normalize(t))))
                    .toList();
            int duplicates = 0;
            for (String line : tokenLines) {
                if (line.isEmpty()) {
                    continue;
                }
                if (seen.add(line)) {
                    lines.add(line);
                } else {
                    duplicates++;
                }
            }
            inputs.add(new Input(p.toString(), lines.size() - before, duplicates, raw.excluded(), raw.sha256()));
        }
        long tokens = lines.stream().mapToLong(TrainingCorpus::countTokens).sum();
        if (tokens == 0) {
            throw new UserError("the corpus holds no word: " + paths);
        }
        return new TrainingCorpus(lines, inputs, tokens, config);
    }

    /** "ant.tsv (31,000 texts), articles (135 texts)": a one-line summary for the manifest and logs. */
    public String description() {
        StringBuilder sb = new StringBuilder();
        for (Input in : inputs) {
            sb.append(sb.length() == 0 ? "" : ", ").append(in.path()).append(" (").append(in.texts()).append(" texts)");
        }
        return sb.toString();
    }

    private record RawTexts(List<String> texts, int excluded, String sha256) {
    }

    /** Column names that identify a document in a table. */
    private static final List<String> ID_COLUMNS = List.of("docno", "doc_id", "article_id");

    private static RawTexts rawTexts(Path p, Set<String> excludedIds) {
        if (Files.isDirectory(p)) {
            List<String> texts = new ArrayList<>();
            StringBuilder hashes = new StringBuilder();
            int excluded = 0;
            for (Path file : InputFiles.files(List.of(p))) {
                if (excludedFile(file, excludedIds)) {
                    excluded++;
                    continue;
                }
                RawTexts one = articleText(file);
                texts.addAll(one.texts());
                hashes.append(one.sha256());
            }
            return new RawTexts(texts, excluded, Hashes.sha256(hashes.toString()));
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return tableTexts(p, CSVFormat.RFC4180, excludedIds);
        }
        if (name.endsWith(".tsv")) {
            return tableTexts(p, CSVFormat.TDF, excludedIds);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
            return JsonLinesTexts.read(p, excludedIds);
        }
        return excludedFile(p, excludedIds) ? new RawTexts(List.of(), 1, Hashes.sha256("")) : articleText(p);
    }

    private static boolean excludedFile(Path file, Set<String> excludedIds) {
        String name = file.getFileName().toString();
        return excludedIds.stream().anyMatch(name::contains);
    }

    /** A SaudiNewsNet-style JSON-lines file (optionally gzipped): title and text of each line. */
    private static final class JsonLinesTexts {
        static RawTexts read(Path file, Set<String> excludedIds) {
            byte[] bytes = TextFiles.readBytes(file);
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> texts = new ArrayList<>();
            int excluded = 0;
            java.io.InputStream in = new java.io.ByteArrayInputStream(bytes);
            try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                    file.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(in) : in, java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    com.fasterxml.jackson.databind.JsonNode node;
                    try {
                        node = mapper.readTree(line);
                    } catch (IOException e) {
                        throw new UserError(file + ":" + number + ": not a JSON object: " + e.getMessage());
                    }
                    if (!node.hasNonNull("text")) {
                        throw new UserError(file + ":" + number + ": no 'text' field");
                    }
                    if (node.hasNonNull("doc_id") && excludedIds.contains(node.get("doc_id").asText())) {
                        excluded++;
                        continue;
                    }
                    String title = node.hasNonNull("title") ? node.get("title").asText() + " . " : "";
                    texts.add(title + node.get("text").asText());
                }
            } catch (IOException e) {
                throw new UserError(file + ": unreadable: " + e.getMessage(), e);
            }
            return new RawTexts(texts, excluded, Hashes.sha256(bytes));
        }
    }

    /** An article's sentences, without the page furniture around them. */
    private static RawTexts articleText(Path file) {
        String page = TextFiles.read(file);
        List<String> sentences = new SentenceSegmenter().segment(page).stream()
                .filter(Segment::isSentence).map(Segment::text).toList();
        return new RawTexts(List.of(String.join(" ", sentences)), 0, Hashes.sha256(page));
    }

    /** The {@code title} (when there is one) and {@code text} cells of a CSV or TSV with a header row. */
    private static RawTexts tableTexts(Path file, CSVFormat base, Set<String> excludedIds) {
        byte[] bytes = TextFiles.readBytes(file);
        CSVFormat format = base.builder().setHeader().setSkipHeaderRecord(true).build();
        List<String> texts = new ArrayList<>();
        int excluded = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(TextFiles.decode(bytes, file.toString())), format)) {
            if (!parser.getHeaderNames().contains("text")) {
                throw new UserError(file + ":1: missing column 'text' (columns found: " + String.join(", ", parser.getHeaderNames()) + ")");
            }
            boolean hasTitle = parser.getHeaderNames().contains("title");
            String idColumn = ID_COLUMNS.stream().filter(parser.getHeaderNames()::contains).findFirst().orElse(null);
            for (CSVRecord r : parser) {
                if (!r.isConsistent()) {
                    throw new UserError(file + ":" + parser.getCurrentLineNumber() + ": record " + r.getRecordNumber()
                            + ": expected " + parser.getHeaderNames().size()
                            + " fields, found " + r.size());
                }
                if (idColumn != null && excludedIds.contains(r.get(idColumn))) {
                    excluded++;
                    continue;
                }
                texts.add(hasTitle ? r.get("title") + " . " + r.get("text") : r.get("text"));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError(file + ": malformed " + (base == CSVFormat.TDF ? "TSV" : "CSV") + ": " + e.getMessage(), e);
        }
        return new RawTexts(texts, excluded, Hashes.sha256(bytes));
    }

    static long countTokens(String line) {
        long n = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }
}
