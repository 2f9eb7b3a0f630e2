package org.stance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.stance.artifact.EmbeddingsCodec;
import org.stance.embed.Coverage;
import org.stance.embed.EmbeddingConfig;
import org.stance.embed.EmbeddingTrainer;
import org.stance.embed.TrainingCorpus;
import org.stance.embed.WordEmbeddings;
import org.stance.io.AtomicFile;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/** {@code stance embed train|import|inspect}: Arabic word vectors for the classifiers (docs/EMBEDDINGS.md). */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Arabic word embeddings (DL4J word2vec skip-gram + char n-gram subword table) for the classifiers.",
                "  stance embed train --corpus articles/ --ant-tsv ant.tsv -o embeddings.zip",
                "  stance embed import vectors.vec -o embeddings.zip",
                "  stance embed inspect embeddings.zip --neighbours القوات --coverage tweets.csv"},
        subcommands = {EmbedCommand.Train.class, EmbedCommand.Import.class, EmbedCommand.Inspect.class})
final class EmbedCommand {

    private static final EmbeddingConfig D = EmbeddingConfig.defaults();

    /** What train and import both decide: the words kept and the character n-gram subword table. */
    static final class Subwords {
        @Option(names = "--max-words", description = "Most frequent words kept in the artifact (0 = all); rarer words fall back to subwords.")
        int maxWords = D.maxWords();

        @Option(names = "--max-ngrams", description = "Char n-grams kept in the subword table (0 = all).")
        int maxNgrams = D.maxNgrams();

        @Option(names = "--min-n", description = "Shortest char n-gram (boundary markers < > included).")
        int minN = D.minN();

        @Option(names = "--max-n", description = "Longest char n-gram.")
        int maxN = D.maxN();
    }

    @Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
            description = "Train word vectors on unlabeled Arabic text.")
    static final class Train implements Callable<Integer> {

        @Option(names = "--corpus", arity = "1..*", paramLabel = "PATH",
                description = "Training text: folders of .txt articles, .txt files, .csv or .tsv files with a 'text' column, "
                        + ".jsonl(.gz) files of {doc_id, title, text} objects (SaudiNewsNet).")
        List<Path> corpus = new ArrayList<>();

        @Option(names = "--exclude", paramLabel = "IDS.tsv", description = "Leave out the documents listed in the first column of this file "
                + "(header line skipped), e.g. ../shared/corpus/HELD-OUT.tsv: vectors must not see held-out articles.")
        Path exclude;

        @Option(names = "--ant-tsv", paramLabel = "FILE",
                description = "An ANT-corpus TSV (label source docno date title text); title and text of every row are used.")
        List<Path> antTsv = new ArrayList<>();

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.zip", description = "The embeddings artifact to write.")
        Path output;

        @Option(names = "--dim", description = "Vector dimension.")
        int dimension = D.dimension();

        @Option(names = "--epochs", description = "Passes over the corpus.")
        int epochs = D.epochs();

        @Option(names = "--min-count", description = "Ignore words seen fewer times.")
        int minCount = D.minCount();

        @Option(names = "--window", description = "Context words on each side.")
        int window = D.window();

        @Option(names = "--negative", description = "Negative samples per context word.")
        int negative = D.negative();

        @Option(names = "--sampling", description = "Subsampling threshold of frequent words (0 = off).")
        double sampling = D.sampling();

        @Option(names = "--seed", description = "Random seed (bit-identical runs need --threads 1).")
        long seed = D.seed();

        @Mixin
        Subwords subwords = new Subwords();

        @Option(names = "--threads", description = "Training threads (default: the number of cores).")
        int threads = D.threads();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OutputGuard.refuseInputs(spec.commandLine(), output, OutputGuard.roles("corpus", corpus, "ANT TSV", antTsv, "exclude list", exclude));
            List<Path> inputs = new ArrayList<>(antTsv);
            inputs.addAll(corpus);
            if (inputs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give the training text with --corpus and/or --ant-tsv");
            }
            AtomicFile.checkWritable(output, "");
            EmbeddingConfig config = new EmbeddingConfig(dimension, window, minCount, epochs, negative, sampling, seed, subwords.minN,
                    subwords.maxN, subwords.maxWords, subwords.maxNgrams, threads);
            TrainingCorpus.checkReadable(inputs);
            long start = System.nanoTime();
            TrainingCorpus text = TrainingCorpus.read(inputs, NormalizerConfig.defaults(), excludedIds());
            System.err.printf("embed: read %,d texts, %,d words in %.0f s: %s%n", text.lines().size(), text.tokens(),
                    (System.nanoTime() - start) / 1e9, text.description());
            save(new EmbeddingTrainer(config, System.err).train(text), output);
            return 0;
        }

        private java.util.Set<String> excludedIds() {
            if (exclude == null) {
                return java.util.Set.of();
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            List<String> lines = org.stance.io.TextFiles.read(exclude).lines().toList();
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String id = line.split("\t", 2)[0].strip();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            return ids;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
            description = "Convert fastText/word2vec text vectors (.vec) into an embeddings artifact.")
    static final class Import implements Callable<Integer> {

        @Parameters(paramLabel = "FILE.vec", description = "Text vectors: a header line 'count dimension', then 'word v1 v2 ...' lines.")
        Path vec;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.zip", description = "The embeddings artifact to write.")
        Path output;

        @Mixin
        Subwords subwords = new Subwords();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            // The same ranges as training's (a negative --max-words would silently mean "all").
            new EmbeddingConfig(D.dimension(), D.window(), D.minCount(), D.epochs(), D.negative(), D.sampling(), D.seed(), subwords.minN,
                    subwords.maxN, subwords.maxWords, subwords.maxNgrams, D.threads());
            OutputGuard.refuseInputs(spec.commandLine(), output, OutputGuard.roles("vectors file", vec));
            AtomicFile.checkWritable(output, "");
            save(WordEmbeddings.readVec(vec, NormalizerConfig.defaults(), subwords.minN, subwords.maxN, subwords.maxNgrams).top(subwords.maxWords),
                    output);
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
            description = "What an embeddings artifact (or a model carrying vectors) holds: sizes and provenance, nearest words, coverage.")
    static final class Inspect implements Callable<Integer> {

        @Parameters(paramLabel = "FILE.zip", description = "An embeddings artifact, or a model that carries word vectors.")
        Path embeddings;

        @Option(names = "--neighbours", arity = "1..*", paramLabel = "WORD", description = "Print the nearest words of each WORD.")
        List<String> neighbours = new ArrayList<>();

        @Option(names = "--coverage", arity = "1..*", paramLabel = "PATH",
                description = "Print the OOV rate of these texts, with and without the subword fallback.")
        List<Path> coverage = new ArrayList<>();

        @Option(names = "-k", description = "Neighbours to print per word.")
        int k = 10;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            WordEmbeddings e = EmbeddingsCodec.load(embeddings);
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
            return 0;
        }
    }

    private static void save(WordEmbeddings result, Path output) {
        EmbeddingsCodec.save(result, output);
        long size;
        try {
            size = Files.size(output);
        } catch (IOException ex) {
            size = -1;
        }
        System.err.printf("embed: wrote %s (%,d words, %,d n-grams, dimension %d, %.1f MB)%n", output, result.vocabularySize(),
                result.ngramCount(), result.dimension(), size / 1e6);
    }
}
