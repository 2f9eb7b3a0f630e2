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
 * </ul>
 * A text seen twice (ANT lists about 1,100 articles under two labels) is used once, so that
 * duplicates do not double their words' weight.
 *
 * @param lines       token lines, one per text
 * @param inputs      what was read, with hashes, for the artifact's manifest
 * @param tokens      number of tokens over all lines
 * @param normalizer  the normalisation applied before tokenising
 */
public record TrainingCorpus(List<String> lines, List<Input> inputs, long tokens, NormalizerConfig normalizer) {

    /** One input path: how many texts it gave and the SHA-256 of its bytes (of its files' hashes for a folder). */
    public record Input(String path, int texts, int duplicates, String sha256) {
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
        checkReadable(paths);
        ArabicNormalizer normalizer = new ArabicNormalizer(config);
        Set<String> seen = new HashSet<>();
        List<String> lines = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        for (Path p : paths) {
            RawTexts raw = rawTexts(p);
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
            inputs.add(new Input(p.toString(), lines.size() - before, duplicates, raw.sha256()));
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

    private record RawTexts(List<String> texts, String sha256) {
    }

    private static RawTexts rawTexts(Path p) {
        if (Files.isDirectory(p)) {
            List<String> texts = new ArrayList<>();
            StringBuilder hashes = new StringBuilder();
            for (Path file : InputFiles.files(List.of(p))) {
                RawTexts one = articleText(file);
                texts.addAll(one.texts());
                hashes.append(one.sha256());
            }
            return new RawTexts(texts, Hashes.sha256(hashes.toString()));
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return tableTexts(p, CSVFormat.RFC4180);
        }
        if (name.endsWith(".tsv")) {
            return tableTexts(p, CSVFormat.TDF);
        }
        return articleText(p);
    }

    /** An article's sentences, without the page furniture around them. */
    private static RawTexts articleText(Path file) {
        String page = TextFiles.read(file);
        List<String> sentences = new SentenceSegmenter().segment(page).stream()
                .filter(Segment::isSentence).map(Segment::text).toList();
        return new RawTexts(List.of(String.join(" ", sentences)), Hashes.sha256(page));
    }

    /** The {@code title} (when there is one) and {@code text} cells of a CSV or TSV with a header row. */
    private static RawTexts tableTexts(Path file, CSVFormat base) {
        byte[] bytes = TextFiles.readBytes(file);
        CSVFormat format = base.builder().setHeader().setSkipHeaderRecord(true).build();
        List<String> texts = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(TextFiles.decode(bytes, file.toString())), format)) {
            if (!parser.getHeaderNames().contains("text")) {
                throw new UserError(file + ":1: missing column 'text' (columns found: " + String.join(", ", parser.getHeaderNames()) + ")");
            }
            boolean hasTitle = parser.getHeaderNames().contains("title");
            for (CSVRecord r : parser) {
                if (!r.isConsistent()) {
                    throw new UserError(file + ":" + parser.getCurrentLineNumber() + ": record " + r.getRecordNumber()
                            + ": expected " + parser.getHeaderNames().size()
                            + " fields, found " + r.size());
                }
                texts.add(hasTitle ? r.get("title") + " . " + r.get("text") : r.get("text"));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError(file + ": malformed " + (base == CSVFormat.TDF ? "TSV" : "CSV") + ": " + e.getMessage(), e);
        }
        return new RawTexts(texts, Hashes.sha256(bytes));
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
