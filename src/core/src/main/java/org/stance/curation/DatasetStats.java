package org.stance.curation;

import org.stance.data.DatasetSchema;
import org.stance.data.LabeledSentence;
import org.stance.data.DatasetReader;
import org.stance.data.Columns;
import org.stance.data.Dataset;
import org.stance.curation.DatasetLayout;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.stance.UserError;
import org.stance.curation.Agreement;

/**
 * The figures of a dataset card, computed from the files themselves: counts per label, split and
 * source, split disjointness, and the agreement of the second labeling pass with the first.
 */
public final class DatasetStats {

    /** Label counts of one part of the dataset. */
    public record Part(String name, int sentences, int articles, Map<String, Map<String, Integer>> counts) {
    }

    /**
     * Agreement of the two labeling passes on one column: over all double-labeled sentences, over
     * those not quoted in the guidelines, and over the newest annotation round's sentences alone
     * (null when the files have a single round).
     */
    public record ColumnAgreement(String column, Agreement all, Agreement unquoted, Agreement latestRound, String latestRoundName) {
    }

    public record Report(Part total, List<Part> splits, List<Part> sources, boolean splitsDisjoint, boolean splitsCoverAll,
                         List<ColumnAgreement> agreement, int adjudicated, Map<String, Integer> adjudicatedByColumn) {
    }

    private static final List<String> COLUMNS = List.of(Columns.TARGET, Columns.STANCE, Columns.TOPIC);

    private DatasetStats() {
    }

    public static Report compute(DatasetLayout layout, Path guidelines) {
        return compute(layout, guidelines, null);
    }

    /**
     * As {@link #compute(DatasetLayout, Path)}, and refuses (with file and line) a row from or
     * modeled on a page of {@code heldOut} (may be null) and an authored article in dev or test.
     */
    public static Report compute(DatasetLayout layout, Path guidelines, org.stance.data.HeldOutSources heldOut) {
        layout.requireSentences();
        DatasetReader reader = new DatasetReader(IraqPresence.schema());
        Dataset all = reader.read(layout.sentences());
        if (heldOut != null) {
            all.requireNoneOf(heldOut);
        }
        List<Part> splits = new ArrayList<>();
        Map<String, String> articleSplit = new HashMap<>();
        boolean disjoint = true;
        int splitRows = 0;
        for (String name : DatasetLayout.SPLITS) {
            if (!Files.isRegularFile(layout.split(name))) {
                continue;
            }
            Dataset d = reader.read(layout.split(name));
            if (!name.equals("train")) {
                d.requireReal(name);
            }
            splits.add(part(name, d.rows()));
            splitRows += d.size();
            for (String article : d.articles()) {
                String before = articleSplit.putIfAbsent(article, name);
                disjoint &= before == null;
            }
        }
        Map<String, List<LabeledSentence>> bySource = new LinkedHashMap<>();
        for (LabeledSentence r : all.rows()) {
            bySource.computeIfAbsent(sourceKind(r.source()), k -> new ArrayList<>()).add(r);
        }
        List<Part> sources = new ArrayList<>();
        bySource.forEach((k, rows) -> sources.add(part(k, rows)));

        List<ColumnAgreement> agreement = new ArrayList<>();
        int adjudicated = 0;
        Map<String, Integer> adjudicatedByColumn = new LinkedHashMap<>();
        if (Files.isRegularFile(layout.firstPass()) && Files.isRegularFile(layout.secondPass())) {
            List<CSVRecord> first = records(layout.firstPass());
            List<CSVRecord> second = records(layout.secondPass());
            if (first.size() != second.size()) {
                throw new UserError(layout.secondPass() + ": " + second.size() + " rows, but the first pass has " + first.size());
            }
            Set<String> quoted = quotedIds(all, first, guidelines);
            String latest = first.stream().map(DatasetStats::round).max(String::compareTo).orElse("1");
            boolean rounds = first.stream().map(DatasetStats::round).distinct().count() > 1;
            for (String column : COLUMNS) {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                List<String> ua = new ArrayList<>();
                List<String> ub = new ArrayList<>();
                List<String> ra = new ArrayList<>();
                List<String> rb = new ArrayList<>();
                for (int i = 0; i < first.size(); i++) {
                    String id = id(first.get(i));
                    if (!id.equals(id(second.get(i)))) {
                        throw new UserError(layout.secondPass() + ": row " + (i + 2) + " is sentence " + id(second.get(i)) + ", the first pass has " + id);
                    }
                    a.add(first.get(i).get(column));
                    b.add(second.get(i).get(column));
                    if (!quoted.contains(id)) {
                        ua.add(first.get(i).get(column));
                        ub.add(second.get(i).get(column));
                    }
                    if (round(first.get(i)).equals(latest)) {
                        ra.add(first.get(i).get(column));
                        rb.add(second.get(i).get(column));
                    }
                }
                agreement.add(new ColumnAgreement(column, Agreement.of(a, b), ua.isEmpty() ? null : Agreement.of(ua, ub),
                        rounds ? Agreement.of(ra, rb) : null, latest));
            }
            if (Files.isRegularFile(layout.adjudication())) {
                for (CSVRecord r : records(layout.adjudication())) {
                    adjudicated++;
                    adjudicatedByColumn.merge(r.get("column"), 1, Integer::sum);
                }
            }
        }
        return new Report(part("all", all.rows()), splits, sources, disjoint, splits.isEmpty() || splitRows == all.size(),
                agreement, adjudicated, adjudicatedByColumn);
    }

    /** Where the project's sentences come from, from the source column (the dataset card's source table). */
    static String sourceKind(String source) {
        if (source.startsWith(LabeledSentence.AUTHORED)) {
            return "authored, modeled on 2019-2026 pages (training only)";
        }
        if (source.startsWith("seeds/")) {
            return "seeds (2021-2024)";
        }
        if (source.startsWith("ant:")) {
            return "ANT 2018 selection";
        }
        if (source.startsWith("shared/corpus/iraq-presence-more/")) {
            return "second candidate pool (2015-2018)";
        }
        return "annotation pool (2015-2018)";
    }

    /** The annotation round of an agreement row ("1" for files written before rounds were recorded). */
    private static String round(CSVRecord r) {
        return r.isMapped("round") && !r.get("round").isEmpty() ? r.get("round") : "1";
    }

    private static Part part(String name, List<LabeledSentence> rows) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        Dataset d = new Dataset(name, rows, "");
        for (String column : COLUMNS) {
            counts.put(column, d.counts(column));
        }
        return new Part(name, rows.size(), d.articles().size(), counts);
    }

    /** Ids of double-labeled sentences whose text the guidelines quote as an example (their agreement is not independent). */
    private static Set<String> quotedIds(Dataset all, List<CSVRecord> doubled, Path guidelines) {
        Set<String> out = new HashSet<>();
        if (guidelines == null || !Files.isRegularFile(guidelines)) {
            return out;
        }
        String text;
        try {
            text = Files.readString(guidelines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + guidelines + ": " + e.getMessage(), e);
        }
        Map<String, String> textById = new HashMap<>();
        all.rows().forEach(r -> textById.put(r.articleId() + "#" + r.sentenceId(), r.text()));
        for (CSVRecord r : doubled) {
            String sentence = textById.get(id(r));
            if (sentence != null && text.contains(sentence)) {
                out.add(id(r));
            }
        }
        return out;
    }

    private static String id(CSVRecord r) {
        return r.get(Columns.ARTICLE_ID) + "#" + r.get(Columns.SENTENCE_ID);
    }

    private static List<CSVRecord> records(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
