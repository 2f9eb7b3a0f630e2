package org.stance.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.curation.IraqPresence;
import org.stance.data.DatasetReader;
import org.stance.data.LabeledSentence;
import org.stance.io.InputFiles;
import org.stance.io.TextFiles;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/**
 * The shipped model's explanations name words: scoring the seed articles with {@code --explain 3},
 * for at least 80% of the sentences that take a position (gold label) the three features shown are
 * words or word pairs of the sentence itself.
 */
class ExplanationsOnSeedsTest {

    @Test
    void theTopThreeFeaturesOfPositionedSeedSentencesAreTheirWords() {
        Map<String, String> gold = new HashMap<>();
        for (LabeledSentence r : new DatasetReader(IraqPresence.schema()).read(TestData.DATASET.resolve("sentences.csv")).rows()) {
            gold.put(r.articleId() + "#" + r.sentenceId(), r.stance());
        }
        ArabicNormalizer normalizer = new ArabicNormalizer(NormalizerConfig.defaults());
        int positioned = 0;
        int byWords = 0;
        List<String> not = new ArrayList<>();
        StanceModel model = StanceModel.load(TestData.REPO.resolve("models/iraq-presence.zip")).withExplanations(3);
        {
            for (Path file : InputFiles.files(List.of(TestData.SEEDS))) {
                String article = InputFiles.idOf(file);
                List<SentenceScore> scores = new ArrayList<>();
                model.scoreArticle(article, file.toString(), TextFiles.read(file), "", scores::add);
                for (SentenceScore s : scores) {
                    String label = gold.get(article + "#" + s.id());
                    if (label == null || label.equals("neutral") || s.explanation() == null) {
                        continue;
                    }
                    positioned++;
                    List<String> tokens = Tokenizer.tokenize(normalizer.normalize(s.text()));
                    boolean words = s.explanation().get("stance").features().stream().allMatch(f -> (f.feature().startsWith("word ")
                            || f.feature().startsWith("words ")) && tokens.containsAll(List.of(f.feature().substring(f.feature().indexOf(' ') + 1).split(" "))));
                    if (words) {
                        byWords++;
                    } else {
                        not.add(article + "#" + s.id() + " " + s.explanation().get("stance").features());
                    }
                }
            }
        }
        System.out.printf("seed sentences with a position explained by their own words: %d of %d%n", byWords, positioned);
        assertTrue(positioned >= 40, "positioned seed sentences scored: " + positioned);
        assertTrue(byWords >= 0.8 * positioned, byWords + " of " + positioned + "; not: " + not);
    }
}
