package org.stance.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stance.io.TextFiles;

/** Properties that every sentence of real scraped pages must have: the seeds and a sample of the corpus. */
class SegmentationOnRealPagesTest {

    static final Path REPO = Path.of(System.getProperty("stance.repo", "."));
    static final Path CORPUS = REPO.resolve("../shared/corpus/iraq-presence/articles").normalize();

    /** Page furniture seen on Arabic news sites; none of it may survive as a sentence. */
    private static final Pattern FURNITURE = Pattern.compile(
            "\\[ad_|Read (Previous|Next)|Leave a Reply|اترك تعليق|بريدك الإلكتروني|مقالات ذات صلة|شاهد أيضاً|شارك الخبر|زر الذهاب|^بغداد/|^المصدر$");
    private static final List<String> CONNECTOR_ENDINGS = List.of("،", ",", " و", " في", " من", " إلى", " على", " التي", " الذي");

    private final SentenceSegmenter segmenter = new SentenceSegmenter();

    @Test
    void seedsGiveCleanFullSentences() throws IOException {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("seeds"))) {
            for (Path f : files.sorted().toList()) {
                all.addAll(segmenter.sentences(TextFiles.read(f)));
            }
        }
        assertTrue(all.size() >= 80 && all.size() <= 130, "seeds gave " + all.size() + " sentences");
        all.forEach(SegmentationOnRealPagesTest::assertCleanSentence);
    }

    @Test
    void corpusSampleGivesCleanFullSentences() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "shared corpus not present");
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.sorted().toList();
        }
        int sentences = 0;
        for (int i = 0; i < files.size(); i += 4) {
            for (String sentence : segmenter.sentences(TextFiles.read(files.get(i)))) {
                assertCleanSentence(sentence);
                sentences++;
            }
        }
        assertTrue(sentences > 300, "corpus sample gave only " + sentences + " sentences");
    }

    private static void assertCleanSentence(String s) {
        assertFalse(FURNITURE.matcher(s).find(), "boilerplate kept as a sentence: " + s);
        assertTrue(ArabicNormalizer.hasArabicLetter(s), "no Arabic: " + s);
        assertTrue(Tokenizer.tokenize(s).size() >= 3, "fragment: " + s);
        // A sentence cut inside a quotation starts with its closing mark or ends with its opening one.
        assertFalse(s.startsWith("”") || s.startsWith("»"), "starts inside a quotation: " + s);
        assertFalse(s.endsWith("“") || s.endsWith("«"), "ends with an opening quotation mark: " + s);
        for (String ending : CONNECTOR_ENDINGS) {
            assertFalse(s.endsWith(ending), "sentence cut after a connector: " + s);
        }
    }
}
