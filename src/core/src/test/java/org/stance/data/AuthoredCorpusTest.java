package org.stance.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.curation.DatasetLayout;
import org.stance.curation.IraqPresence;
import org.stance.io.TextFiles;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/** The authored period corpus (2019-2026) in the shipped dataset: cited, training only, not templated, large enough. */
class AuthoredCorpusTest {

    private final DatasetReader reader = new DatasetReader(IraqPresence.schema());
    private final DatasetLayout layout = new DatasetLayout(TestData.DATASET);
    private final List<LabeledSentence> all = reader.read(layout.sentences()).rows();
    private final List<LabeledSentence> authored = all.stream().filter(LabeledSentence::authored).toList();

    /** SOURCES.tsv (or authored/modeled-on.tsv) rows by article id, as column → value. */
    private static Map<String, Map<String, String>> tsv(Path file) {
        List<String> lines = TextFiles.read(file).lines().toList();
        String[] header = lines.get(0).split("\t", -1);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            out.put(cells[0], row);
        }
        return out;
    }

    @Test
    void everyAuthoredArticleIsInTrainOnlyAndCitesThePageItWasModeledOn() {
        Set<String> train = new HashSet<>();
        reader.read(layout.split("train")).rows().stream().filter(LabeledSentence::authored).forEach(r -> train.add(r.articleId() + "#" + r.sentenceId()));
        assertEquals(authored.size(), train.size(), "every authored sentence is in train.csv");
        for (String split : List.of("dev", "test")) {
            assertTrue(reader.read(layout.split(split)).rows().stream().noneMatch(LabeledSentence::authored), "authored rows in " + split);
        }
        Map<String, Map<String, String>> sources = tsv(TestData.DATASET.resolve("SOURCES.tsv"));
        Map<String, Map<String, String>> modeledOn = tsv(TestData.DATASET.resolve("authored/modeled-on.tsv"));
        Set<String> years = new TreeSet<>();
        for (LabeledSentence r : authored) {
            Map<String, String> s = sources.get(r.articleId());
            assertTrue(s != null && s.get("source").equals("authored") && s.get("url_or_repository").equals(r.modeledOn()), r.articleId() + " in SOURCES.tsv");
            Map<String, String> m = modeledOn.get(r.articleId());
            assertTrue(m != null && m.get("modeled_on_url").equals(r.modeledOn()) && !m.get("facts_used").isBlank(), r.articleId() + " in modeled-on.tsv");
            String year = m.get("page_date").substring(0, 4);
            assertTrue(year.compareTo("2019") >= 0 && year.compareTo("2026") <= 0, r.articleId() + " page of " + m.get("page_date"));
            years.add(year);
        }
        assertEquals(Set.of("2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"), years, "every year of the period is covered");
    }

    @Test
    void theCorpusHasTheSizeAndTheMixOfPositionsItWasWrittenFor() {
        Map<String, Integer> perArticle = new HashMap<>();
        Map<String, Integer> stances = new HashMap<>();
        authored.forEach(r -> {
            perArticle.merge(r.articleId(), 1, Integer::sum);
            stances.merge(r.stance(), 1, Integer::sum);
        });
        assertTrue(perArticle.size() >= 200, "authored articles: " + perArticle.size());
        perArticle.forEach((a, n) -> assertTrue(n >= 6 && n <= 15, a + " has " + n + " sentences"));
        assertTrue(stances.getOrDefault("skeptical", 0) >= 500, "skeptical: " + stances);
        assertTrue(stances.getOrDefault("pro_withdrawal", 0) >= 350, "pro_withdrawal: " + stances);
        assertTrue(stances.getOrDefault("status_quo", 0) >= 350, "status_quo: " + stances);
        assertTrue(stances.getOrDefault("neutral", 0) >= 0.30 * authored.size(), "neutral: " + stances);
    }

    private static final ArabicNormalizer NORMALIZER = new ArabicNormalizer(NormalizerConfig.defaults());

    static Set<String> trigrams(String text) {
        List<String> w = Tokenizer.tokenize(NORMALIZER.normalize(text));
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 < w.size(); i++) {
            out.add(w.get(i) + " " + w.get(i + 1) + " " + w.get(i + 2));
        }
        return out;
    }

    /**
     * No templates and no copies: no authored sentence shares 60% or more of its word 3-grams (of the
     * smaller sentence's) with another authored sentence or with any real sentence of the dataset.
     */
    @Test
    void noAuthoredSentenceIsANearDuplicateOfAnotherOrOfRealText() {
        List<Set<String>> grams = new ArrayList<>();
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            grams.add(trigrams(all.get(i).text()));
            for (String g : grams.get(i)) {
                index.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        List<String> duplicates = new ArrayList<>();
        Set<String> vocabulary = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).authored()) {
                continue;
            }
            vocabulary.addAll(Tokenizer.tokenize(NORMALIZER.normalize(all.get(i).text())));
            Map<Integer, Integer> shared = new HashMap<>();
            for (String g : grams.get(i)) {
                for (int j : index.get(g)) {
                    if (j != i && (j > i || !all.get(j).authored())) {
                        shared.merge(j, 1, Integer::sum);
                    }
                }
            }
            for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                int smaller = Math.min(grams.get(i).size(), grams.get(e.getKey()).size());
                if (e.getValue() >= 0.6 * smaller) {
                    LabeledSentence a = all.get(i);
                    LabeledSentence b = all.get(e.getKey());
                    duplicates.add(a.articleId() + "#" + a.sentenceId() + " ~ " + b.articleId() + "#" + b.sentenceId());
                }
            }
        }
        System.out.printf("authored corpus: %d sentences, vocabulary %d distinct normalised words%n", authored.size(), vocabulary.size());
        assertEquals(List.of(), duplicates);
        assertTrue(vocabulary.size() >= 5_000, "vocabulary: " + vocabulary.size());
    }

    /** No article of the dataset is from, or modeled on, a page kept for evaluating the period (when ../shared is present). */
    @Test
    void sourcesNameNoHeldOutPeriodPage() {
        Path list = TestData.REPO.resolve("../shared/corpus/HELD-OUT-PERIOD.tsv");
        Assumptions.assumeTrue(Files.isRegularFile(list), "needs ../shared");
        HeldOutSources heldOut = HeldOutSources.read(list);
        assertTrue(heldOut.keys().size() >= 10, "held-out pages read: " + heldOut.keys().size());
        List<String> named = new ArrayList<>();
        tsv(TestData.DATASET.resolve("SOURCES.tsv")).forEach((id, row) -> {
            if (heldOut.contains(row.get("url_or_repository"))) {
                named.add(id);
            }
        });
        assertEquals(List.of(), named, "articles modeled on held-out pages");
        reader.read(layout.sentences()).requireNoneOf(heldOut);
    }
}
