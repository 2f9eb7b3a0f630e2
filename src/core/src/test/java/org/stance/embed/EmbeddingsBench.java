package org.stance.embed;

import org.stance.artifact.EmbeddingsCodec;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures of docs/EMBEDDINGS.md, measured on the artifact of the full ANT training
 * ({@code target/embeddings-ant.zip}, see the doc for the command). Not part of the build:
 * {@code mvn -B -q test -Dtest=EmbeddingsBench -DexcludedGroups= -Dgroups=bench}.
 */
@Tag("bench")
class EmbeddingsBench {

    static final Path REPO = Path.of(System.getProperty("stance.repo", "."));
    static final Path ARTIFACT = REPO.resolve("target/embeddings-ant.zip");
    static final Path SHARED = REPO.resolve("../shared");

    /** @param args optionally another artifact to measure */
    public static void main(String[] args) {
        measure(args.length > 0 ? Path.of(args[0]) : ARTIFACT);
    }

    @Test
    void coverageNeighboursAndFallbackQuality() {
        assumeTrue(Files.exists(ARTIFACT), "train " + ARTIFACT + " first");
        measure(ARTIFACT);
    }

    static void measure(Path artifact) {
        WordEmbeddings full = EmbeddingsCodec.load(artifact);
        System.out.printf("artifact: %,d words, %,d n-grams, dim %d%n", full.vocabularySize(), full.ngramCount(), full.dimension());

        List<Path> texts = List.of(SHARED.resolve("benchmarks/mawqif/test.csv"), REPO.resolve("seeds"));
        for (int top : new int[] {10_000, 20_000, 50_000}) {
            WordEmbeddings e = full.top(top);
            for (Path p : texts) {
                TrainingCorpus c = TrainingCorpus.read(List.of(p), e.normalizer());
                System.out.printf("top %,d words, %s: %s%n", top, p.getFileName(), Coverage.of(e, c.lines()));
            }
        }
        for (String w : List.of("القوات", "الانسحاب", "داعش", "والقوات", "لقواتها", "بانسحابها", "الداعشيين")) {
            System.out.printf("%s%s:", w, full.contains(w) ? "" : " (OOV)");
            full.nearest(w, 8).forEach(n -> System.out.printf(" %s %.2f", n.word(), n.similarity()));
            System.out.println();
        }
        heldOutFallback(full);
    }

    /**
     * Hides 1,000 known words (ranks 5,000-50,000, five letters or more: the kind of word that is
     * OOV in practice), rebuilds the n-gram table without them and compares each fallback's
     * vector with the word's true vector.
     */
    static void heldOutFallback(WordEmbeddings full) {
        VectorTable words = full.words();
        Random random = new Random(42);
        boolean[] hidden = new boolean[words.size()];
        List<String> heldOut = new ArrayList<>();
        while (heldOut.size() < 1000) {
            int i = 5_000 + random.nextInt(words.size() - 5_000);
            if (!hidden[i] && words.word(i).length() >= 5) {
                hidden[i] = true;
                heldOut.add(words.word(i));
            }
        }
        int kept = words.size() - heldOut.size();
        String[] w = new String[kept];
        long[] counts = new long[kept];
        float[] v = new float[kept * words.dimension()];
        for (int i = 0, j = 0; i < words.size(); i++) {
            if (!hidden[i]) {
                w[j] = words.word(i);
                counts[j] = words.count(i);
                System.arraycopy(words.vectors(), i * words.dimension(), v, j * words.dimension(), words.dimension());
                j++;
            }
        }
        VectorTable rest = new VectorTable(w, counts, v, words.dimension());
        WordEmbeddings reduced = new WordEmbeddings(rest, SubwordTable.build(rest, 3, 5, EmbeddingConfig.DEFAULT_MAX_NGRAMS),
                full.tokenCount(), full.normalizer(), full.provenance());
        float[] mean = new float[words.dimension()];
        for (int i = 0; i < rest.size(); i++) {
            Vectors.addTo(mean, 0, rest.vectors(), i * rest.dimension(), rest.dimension(), 1f / rest.size());
        }
        report("n-grams only", heldOut, full, reduced::ngramVector);
        report("stem only", heldOut, full, reduced::stemVector);
        report("n-grams + stem (used)", heldOut, full, reduced::subwordVector);
        report("baseline: mean vector", heldOut, full, t -> Optional.of(mean));
    }

    static void report(String name, List<String> heldOut, WordEmbeddings truth, Function<String, Optional<float[]>> fallback) {
        double sum = 0;
        int covered = 0;
        int top10 = 0;
        for (String word : heldOut) {
            Optional<float[]> guess = fallback.apply(word);
            if (guess.isEmpty()) {
                continue;
            }
            covered++;
            float[] t = truth.vector(word).orElseThrow();
            sum += Vectors.cosine(guess.get(), t);
            if (truth.nearest(guess.get(), 10).stream().anyMatch(n -> n.word().equals(word))) {
                top10++;
            }
        }
        System.out.printf("held-out %-24s covers %5.1f%%, mean cosine to the true vector %.3f, true word in top 10 of %,d: %.1f%%%n",
                name, 100.0 * covered / heldOut.size(), covered == 0 ? 0 : sum / covered, truth.vocabularySize(),
                covered == 0 ? 0 : 100.0 * top10 / covered);
    }
}
