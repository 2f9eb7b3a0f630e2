package org.stance.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.data.LabeledSentence;

/** The trainer keeps the article context block where the data has articles and switches it off where it has none. */
class TrainerArticleContextTest {

    private static final TrainConfig CONFIG = TestData.quickConfig(List.of("stance")).toBuilder().optimizer(Optimizer.LBFGS).maxEpochs(20).build();

    @Test
    void dataWithArticlesKeepsTheBlock() {
        List<String> log = new ArrayList<>();
        Classifier c = new Trainer(CONFIG, null, log::add).train(TestData.head("train", 200), List.of()).classifier();
        assertEquals(CONFIG.ngrams().articleContext(), c.featurizer().articleContext());
        assertEquals(2 * c.featurizer().baseDimension(), c.featurizer().dimension());
        assertTrue(log.stream().noneMatch(l -> l.startsWith("article context: off")), String.join("\n", log));
    }

    @Test
    void dataWithoutArticlesTrainsWithoutIt() {
        List<LabeledSentence> alone = new ArrayList<>();
        for (LabeledSentence r : TestData.head("train", 200)) { // every row its own article (no article_id: one group per line)
            alone.add(new LabeledSentence("", r.sentenceId(), r.source(), r.target(), r.stance(), r.topic(), r.text(), r.line()));
        }
        List<String> log = new ArrayList<>();
        Classifier c = new Trainer(CONFIG, null, log::add).train(alone, List.of()).classifier();
        assertEquals(0, c.featurizer().articleContext());
        assertEquals(c.featurizer().baseDimension(), c.featurizer().dimension());
        assertTrue(log.contains("article context: off (no training article has two sentences)"), String.join("\n", log));
    }
}
