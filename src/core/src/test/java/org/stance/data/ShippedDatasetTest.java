package org.stance.data;

import org.stance.curation.IraqPresence;
import org.stance.io.InputFiles;
import org.stance.curation.DatasetLayout;
import org.stance.curation.DatasetStats;
import org.stance.io.TextFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.text.Segment;
import org.stance.text.SentenceSegmenter;

/** The shipped iraq-presence dataset, read through the project's own reader with the guideline label sets. */
class ShippedDatasetTest {

    private final DatasetReader reader = new DatasetReader(IraqPresence.schema());
    private final DatasetLayout layout = new DatasetLayout(TestData.DATASET);

    @Test
    void sentencesMeetTheSchemaAndTheDatasetTargets() {
        Dataset all = reader.read(layout.sentences());
        assertTrue(all.size() >= 2000, "sentences: " + all.size());
        assertTrue(all.articles().size() >= 100, "articles: " + all.articles().size());
        Map<String, Integer> stances = all.counts("stance");
        int positioned = all.size() - stances.get("neutral");
        assertTrue(positioned >= 400, "sentences with a position: " + positioned);
        assertEquals(Set.copyOf(IraqPresence.STANCES), stances.keySet());
        assertEquals(Set.copyOf(IraqPresence.TOPICS), all.counts("topic").keySet());
        assertTrue(all.rows().stream().allMatch(r -> !r.source().isEmpty()), "every row names its source");
    }

    @Test
    void splitsAreDisjointByArticleAndCoverTheDataset() {
        Dataset all = reader.read(layout.sentences());
        Map<String, String> splitOfArticle = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int total = 0;
        for (String name : DatasetLayout.SPLITS) {
            Dataset d = reader.read(layout.split(name));
            total += d.size();
            for (LabeledSentence r : d.rows()) {
                String before = splitOfArticle.putIfAbsent(r.articleId(), name);
                assertTrue(before == null || before.equals(name), "article " + r.articleId() + " in " + before + " and " + name);
                ids.add(r.articleId() + "#" + r.sentenceId());
            }
        }
        assertEquals(all.size(), total);
        assertEquals(all.size(), ids.size());
        // Two of ten article folds: about a fifth of the real sentences, as whole articles allow
        // (authored articles are training material and all in train).
        int test = reader.read(layout.split("test")).size();
        long real = all.rows().stream().filter(r -> !r.authored()).count();
        assertTrue(test >= 0.18 * real && test <= 0.22 * real, "test holds " + test + " of " + real);
    }

    /** ../shared/corpus/HELD-OUT.tsv lists articles kept for evaluation: none may be in the dataset, under any prefix. */
    @Test
    void noHeldOutArticleIsInTheDataset() throws java.io.IOException {
        Path heldOut = TestData.REPO.resolve("../shared/corpus/HELD-OUT.tsv");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(heldOut), "needs ../shared");
        List<String> ids = java.nio.file.Files.readAllLines(heldOut).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")[0]).toList();
        assertTrue(ids.size() >= 10, "held-out list read: " + ids);
        Set<String> articles = new HashSet<>(reader.read(layout.sentences()).articles());
        for (String name : List.of("train", "dev", "test")) {
            articles.addAll(reader.read(layout.split(name)).articles());
        }
        for (String article : articles) {
            for (String id : ids) {
                assertTrue(!article.equals(id) && !article.endsWith("_" + id), "held-out article " + id + " is in the dataset as " + article);
            }
        }
    }

    /** The second round's rows trace to their pool files, segmented as prepare does (when ../shared is present). */
    @Test
    void secondPoolRowsAreThePoolArticlesSentences() {
        Dataset all = reader.read(layout.sentences());
        List<LabeledSentence> pool = all.rows().stream().filter(r -> r.source().startsWith("shared/corpus/iraq-presence-more/")).toList();
        assertTrue(pool.size() >= 500, "round-2 rows: " + pool.size());
        Path articles = TestData.REPO.resolve("../shared/corpus/iraq-presence-more/articles");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(articles), "needs ../shared");
        SentenceSegmenter segmenter = new SentenceSegmenter();
        Map<String, Map<Integer, String>> cache = new HashMap<>();
        for (LabeledSentence r : pool) {
            Map<Integer, String> sentences = cache.computeIfAbsent(r.articleId(), a -> {
                Map<Integer, String> m = new HashMap<>();
                segmenter.segment(TextFiles.read(articles.resolve(a + ".txt"))).stream().filter(Segment::isSentence).forEach(s -> m.put(s.index(), s.text()));
                return m;
            });
            assertEquals(sentences.get(Integer.parseInt(r.sentenceId())), r.text(), r.articleId() + "#" + r.sentenceId());
        }
    }

    @Test
    void seedsAreLabeledInFullExactlyAsPrepareSplitsThem() {
        Dataset all = reader.read(layout.sentences());
        Map<String, String> textById = new HashMap<>();
        all.rows().forEach(r -> textById.put(r.articleId() + "#" + r.sentenceId(), r.text()));
        SentenceSegmenter segmenter = new SentenceSegmenter();
        int seedSentences = 0;
        for (Path file : InputFiles.files(List.of(TestData.SEEDS))) {
            String article = InputFiles.idOf(file);
            for (Segment s : segmenter.segment(TextFiles.read(file))) {
                if (s.isSentence()) {
                    assertEquals(s.text(), textById.get(article + "#" + s.index()), "seed sentence " + article + "#" + s.index());
                    seedSentences++;
                }
            }
        }
        long labeledSeedRows = all.rows().stream().filter(r -> r.source().startsWith("seeds/")).count();
        assertEquals(seedSentences, labeledSeedRows);
    }

    @Test
    void agreementStudyCoversEverySeedSentenceAndFourHundredInAll() {
        DatasetStats.Report report = DatasetStats.compute(layout, TestData.REPO.resolve("datasets/GUIDELINES.md"));
        assertTrue(report.splitsDisjoint() && report.splitsCoverAll());
        DatasetStats.ColumnAgreement stance = report.agreement().stream().filter(a -> a.column().equals("stance")).findFirst().orElseThrow();
        assertTrue(stance.all().n() >= 400, "double-labeled: " + stance.all().n());
        // The newest round (the authored period corpus) has an independent pass over at least 25% of its sentences.
        long authored = reader.read(layout.sentences()).rows().stream().filter(LabeledSentence::authored).count();
        assertEquals("authored", stance.latestRoundName());
        assertTrue(stance.latestRound() != null && stance.latestRound().n() >= 0.25 * authored,
                "authored double-labeled: " + (stance.latestRound() == null ? 0 : stance.latestRound().n()) + " of " + authored);
    }
}
