package org.stance.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stance.text.NormalizerConfig;

/**
 * Trains tiny embeddings on the five seed articles (about 2,700 words). Vectors trained on so little
 * text are nearly parallel, so the checks are about structure (vocabulary, dimension, the subword
 * fallback, reproducibility), not about semantic quality; that is measured on the ANT corpus
 * (docs/EMBEDDINGS.md).
 */
class EmbeddingTrainerTest {

    /** No subsampling, which would drop most of so small a text. */
    static final EmbeddingConfig TINY = new EmbeddingConfig(30, 5, 2, 5, 5, 0, 42, 3, 5, 0, 0, 1);

    static TrainingCorpus seeds;
    static WordEmbeddings trained;

    @BeforeAll
    static void train() {
        seeds = TrainingCorpus.read(List.of(seedsFolder()), NormalizerConfig.defaults());
        trained = new EmbeddingTrainer(TINY, quiet()).train(seeds);
    }

    static Path seedsFolder() {
        return Path.of(System.getProperty("stance.repo", "."), "seeds");
    }

    static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }

    @Test
    void corpusIsTheNormalisedTokenisedSeedText() {
        assertEquals(5, seeds.lines().size());
        assertTrue(seeds.tokens() > 2000, "tokens: " + seeds.tokens());
        assertFalse(seeds.lines().get(0).contains("،"), "Arabic punctuation is split off");
        assertEquals(64, seeds.inputs().get(0).sha256().length());
    }

    @Test
    void vocabularyHoldsTheFrequentSeedWords() {
        assertEquals(30, trained.dimension());
        for (String w : List.of("العراق", "القوات", "التحالف", "الانسحاب", "في")) {
            assertTrue(trained.contains(w), w);
            assertEquals(30, trained.vector(w).orElseThrow().length);
        }
        assertEquals("trained", trained.provenance().get("source"));
        assertEquals(String.valueOf(seeds.tokens()), trained.provenance().get("corpus.tokens"));
    }

    @Test
    void anUnseenInflectedFormIsCloserToItsBaseThanToAnUnrelatedWord() {
        String unseen = "والانسحابات";
        assertFalse(trained.contains(unseen));
        float[] v = trained.vector(unseen).orElseThrow();
        assertTrue(Vectors.norm(v, 0, v.length) > 0);
        double toBase = Vectors.cosine(v, trained.vector("الانسحاب").orElseThrow());
        for (String unrelated : List.of("في", "العراق")) {
            double other = Vectors.cosine(v, trained.vector(unrelated).orElseThrow());
            assertTrue(toBase > other, unseen + ": base " + toBase + " vs " + unrelated + " " + other);
        }
        List<WordEmbeddings.Neighbour> nearest = trained.nearest(unseen, 5);
        assertTrue(nearest.stream().anyMatch(n -> n.word().contains("انسحاب")), nearest.toString());
    }

    /**
     * What DL4J lets us reproduce: vocabulary, counts, order and n-grams. Not the vectors: DL4J
     * 1.0.0-M2.1 seeds its negative sampling from ThreadLocalRandom (see EmbeddingTrainer).
     */
    @Test
    void sameSeedGivesTheSameVocabularyAndNgrams() {
        WordEmbeddings again = new EmbeddingTrainer(TINY, quiet()).train(seeds);
        assertEquals(trained.vocabularySize(), again.vocabularySize());
        for (int i = 0; i < trained.vocabularySize(); i++) {
            assertEquals(trained.words().word(i), again.words().word(i));
            assertEquals(trained.words().count(i), again.words().count(i));
        }
        assertEquals(trained.ngramCount(), again.ngramCount());
        for (int i = 0; i < trained.ngramCount(); i++) {
            assertEquals(trained.subwords().ngram(i), again.subwords().ngram(i));
        }
    }
}
