package org.stance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.stance.UserError;
import org.stance.embed.Coverage;
import org.stance.embed.EmbeddingConfig;
import org.stance.embed.EmbeddingTrainer;
import org.stance.embed.TrainingCorpus;
import org.stance.embed.WordEmbeddings;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/**
 * {@code stance embed}: train word embeddings on unlabeled Arabic text, import a .vec file, or
 * inspect an embeddings artifact (neighbours, coverage of a text collection).
 */
@Command(name = "embed", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Train Arabic word embeddings (DL4J word2vec skip-gram + char n-gram subword table) for the classifiers.",
                "Train:   stance embed --corpus articles/ --ant-tsv ant.tsv -o embeddings.zip",
                "Import:  stance embed --import-vec vectors.vec -o embeddings.zip",
                "Inspect: stance embed --embeddings embeddings.zip --neighbours القوات --coverage tweets.csv"})
final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--corpus", arity = "1..*", paramLabel = "PATH",
            description = "Training text: folders of .txt articles, .txt files, .csv or .tsv files with a 'text' column.")
    List<Path> corpus = new ArrayList<>();

    @Option(names = "--ant-tsv", paramLabel = "FILE",
            description = "An ANT-corpus TSV (label source docno date title text); title and text of every row are used.")
    List<Path> antTsv = new ArrayList<>();

    @Option(names = "--import-vec", paramLabel = "FILE.vec",
            description = "Convert fastText/word2vec text vectors into an embeddings artifact instead of training.")
    Path importVec;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.zip", description = "The embeddings artifact to write.")
    Path output;

    @Option(names = "--dim", description = "Vector dimension.")
    int dimension = EmbeddingConfig.DEFAULT_DIMENSION;

    @Option(names = "--epochs", description = "Passes over the corpus.")
    int epochs = EmbeddingConfig.DEFAULT_EPOCHS;

    @Option(names = "--min-count", description = "Ignore words seen fewer times.")
    int minCount = EmbeddingConfig.DEFAULT_MIN_COUNT;

    @Option(names = "--window", description = "Context words on each side.")
    int window = EmbeddingConfig.DEFAULT_WINDOW;

    @Option(names = "--negative", description = "Negative samples per context word.")
    int negative = EmbeddingConfig.DEFAULT_NEGATIVE;

    @Option(names = "--sampling", description = "Subsampling threshold of frequent words (0 = off).")
    double sampling = EmbeddingConfig.DEFAULT_SAMPLING;

    @Option(names = "--seed", description = "Random seed (bit-identical runs need --threads 1).")
    long seed = EmbeddingConfig.DEFAULT_SEED;

    @Option(names = "--max-words", description = "Most frequent words kept in the artifact (0 = all); rarer words fall back to subwords.")
    int maxWords = EmbeddingConfig.DEFAULT_MAX_WORDS;

    @Option(names = "--max-ngrams", description = "Char n-grams kept in the subword table (0 = all).")
    int maxNgrams = EmbeddingConfig.DEFAULT_MAX_NGRAMS;

    @Option(names = "--min-n", description = "Shortest char n-gram (boundary markers < > included).")
    int minN = EmbeddingConfig.defaults().minN();

    @Option(names = "--max-n", description = "Longest char n-gram.")
    int maxN = EmbeddingConfig.defaults().maxN();

    @Option(names = "--threads", description = "Training threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--embeddings", paramLabel = "FILE", description = "Inspect this artifact instead of training.")
    Path embeddings;

    @Option(names = "--neighbours", arity = "1..*", paramLabel = "WORD", description = "Print the nearest words of each WORD (with --embeddings).")
    List<String> neighbours = new ArrayList<>();

    @Option(names = "--coverage", arity = "1..*", paramLabel = "PATH",
            description = "Print the OOV rate of these texts, with and without the subword fallback (with --embeddings).")
    List<Path> coverage = new ArrayList<>();

    @Option(names = "-k", description = "Neighbours to print per word.")
    int k = 10;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (embeddings != null) {
            requireAbsent(importVec == null && corpus.isEmpty() && antTsv.isEmpty() && output == null,
                    "--embeddings inspects an artifact; it cannot be combined with --corpus, --ant-tsv, --import-vec or -o");
            inspect(WordEmbeddings.load(embeddings), out);
            return 0;
        }
        if (output == null) {
            throw new UserError("missing -o/--output OUT.zip (or --embeddings FILE to inspect an artifact)");
        }
        org.stance.io.AtomicFile.checkWritable(output, "");
        WordEmbeddings result;
        if (importVec != null) {
            requireAbsent(corpus.isEmpty() && antTsv.isEmpty(), "--import-vec converts a .vec file; it cannot be combined with --corpus or --ant-tsv");
            result = WordEmbeddings.readVec(importVec, NormalizerConfig.defaults(), minN, maxN, maxNgrams).top(maxWords);
        } else {
            result = train();
        }
        result.save(output);
        System.err.printf("embed: wrote %s (%,d words, %,d n-grams, dimension %d, %.1f MB)%n", output, result.vocabularySize(),
                result.ngramCount(), result.dimension(), size(output) / 1e6);
        return 0;
    }

    private WordEmbeddings train() {
        List<Path> inputs = new ArrayList<>(antTsv);
        inputs.addAll(corpus);
        EmbeddingConfig config = new EmbeddingConfig(dimension, window, minCount, epochs, negative, sampling, seed, minN, maxN,
                maxWords, maxNgrams, threads);
        TrainingCorpus.checkReadable(inputs);
        long start = System.nanoTime();
        TrainingCorpus text = TrainingCorpus.read(inputs, NormalizerConfig.defaults());
        System.err.printf("embed: read %,d texts, %,d words in %.0f s: %s%n", text.lines().size(), text.tokens(),
                (System.nanoTime() - start) / 1e9, text.description());
        return new EmbeddingTrainer(config, System.err).train(text);
    }

    private void inspect(WordEmbeddings e, PrintWriter out) {
        out.printf("%s: %,d words, %,d n-grams, dimension %d%n", embeddings, e.vocabularySize(), e.ngramCount(), e.dimension());
        if (neighbours.isEmpty() && coverage.isEmpty()) {
            e.provenance().forEach((key, value) -> out.printf("  %s = %s%n", key, value));
        }
        for (String word : neighbours) {
            List<String> tokens = Tokenizer.tokenize(new ArabicNormalizer(e.normalizer()).normalize(word));
            String token = tokens.isEmpty() ? word : tokens.get(0);
            String how = e.contains(token) ? "" : e.vector(token).isPresent() ? " (out of vocabulary: subword vector)" : " (unknown)";
            out.printf("%s%s:", token, how);
            e.nearest(token, k).forEach(n -> out.printf(" %s %.2f,", n.word(), n.similarity()));
            out.println();
        }
        for (Path p : coverage) {
            TrainingCorpus texts = TrainingCorpus.read(List.of(p), e.normalizer());
            out.printf("%s: %s%n", p, Coverage.of(e, texts.lines()));
        }
    }

    private static void requireAbsent(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException ex) {
            return -1;
        }
    }
}
