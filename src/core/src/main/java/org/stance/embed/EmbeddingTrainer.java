package org.stance.embed;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.SentenceIterator;
import org.deeplearning4j.text.sentenceiterator.SentencePreProcessor;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains word vectors with DL4J's {@link Word2Vec} (skip-gram, negative sampling) on a
 * {@link TrainingCorpus}, centres the vectors ({@link VectorTable#centred()}), derives the
 * {@link SubwordTable} from all trained words and keeps the {@code maxWords} most frequent for the
 * artifact.
 *
 * <p>Why not DL4J's {@code FastText} wrapper, which trains true subword vectors: it runs the
 * native jfasttext library (x86_64 only) and its subword vectors live only inside the native
 * model, which would then have to ship with every classifier. Word2Vec stays in Java, and the
 * derived n-gram table recovers most of the OOV benefit (docs/EMBEDDINGS.md has the figures).
 *
 * <p>Reproducibility, as far as DL4J allows: the corpus, vocabulary, counts, word order and
 * n-gram list are identical from run to run (checked by the tests), and the seed fixes the
 * initial weights. The trained vectors are not bit-identical, even with one thread: DL4J 1.0.0-M2.1
 * seeds each worker's negative-sampling generator from {@code ThreadLocalRandom}
 * ({@code SequenceVectors.VectorCalculationsThread}), and with several threads the workers also
 * race on the shared weights (Hogwild). Two runs give vectors of the same quality, not the same bits.
 */
public final class EmbeddingTrainer {

    private static final double LEARNING_RATE = 0.025;
    private static final double MIN_LEARNING_RATE = 1e-4;
    private static final long PROGRESS_EVERY_MS = 15_000;

    private final EmbeddingConfig config;
    private final PrintStream progress;

    /** @param progress where progress lines go (standard error in the CLI) */
    public EmbeddingTrainer(EmbeddingConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    public WordEmbeddings train(TrainingCorpus corpus) {
        ProgressIterator lines = new ProgressIterator(corpus.lines(), corpus.tokens(), config.epochs(), progress);
        Word2Vec w2v = new Word2Vec.Builder()
                .layerSize(config.dimension())
                .windowSize(config.window())
                .minWordFrequency(config.minCount())
                .epochs(config.epochs())
                .iterations(1)
                .negativeSample(config.negative())
                .useHierarchicSoftmax(false)
                .sampling(config.sampling())
                .learningRate(LEARNING_RATE)
                .minLearningRate(MIN_LEARNING_RATE)
                .seed(config.seed())
                .workers(config.threads())
                .iterate(lines)
                // the corpus is already tokenised: DL4J only splits on the spaces
                .tokenizerFactory(new DefaultTokenizerFactory())
                .build();
        long start = System.nanoTime();
        w2v.fit();
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.printf("embed: trained %,d words x %d epochs in %.0f s (%,.0f words/s over all passes)%n",
                corpus.tokens(), config.epochs(), seconds, lines.served() / seconds);

        VectorTable all = vectors(w2v).centred();
        SubwordTable subwords = SubwordTable.build(all, config.minN(), config.maxN(), config.maxNgrams());
        progress.printf("embed: vocabulary %,d words (min count %d), %,d n-grams; keeping the top %s words%n",
                all.size(), config.minCount(), subwords.size(), config.maxWords() == 0 ? "all" : String.format("%,d", config.maxWords()));
        WordEmbeddings full = new WordEmbeddings(all, subwords, corpus.tokens(), corpus.normalizer(), provenance(corpus, all.size()));
        return full.top(config.maxWords());
    }

    private static VectorTable vectors(Word2Vec w2v) {
        Collection<VocabWord> vocab = w2v.getVocab().vocabWords();
        INDArray syn0 = w2v.getLookupTable().getWeights();
        int dim = (int) syn0.columns();
        String[] words = new String[vocab.size()];
        long[] counts = new long[vocab.size()];
        float[] flat = new float[vocab.size() * dim];
        int i = 0;
        for (VocabWord w : vocab) {
            words[i] = w.getLabel();
            counts[i] = (long) w.getElementFrequency();
            float[] row = syn0.getRow(w.getIndex()).toFloatVector();
            System.arraycopy(row, 0, flat, i * dim, dim);
            i++;
        }
        return VectorTable.sorted(words, counts, flat, dim);
    }

    private Map<String, String> provenance(TrainingCorpus corpus, int trainedWords) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("source", "trained");
        p.put("algorithm", "dl4j-word2vec-skipgram-negative-sampling");
        p.put("postprocessing", "mean vector subtracted");
        p.put("corpus.description", corpus.description());
        p.put("corpus.tokens", String.valueOf(corpus.tokens()));
        p.put("corpus.texts", String.valueOf(corpus.lines().size()));
        List<TrainingCorpus.Input> inputs = corpus.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            String key = "corpus." + (i + 1) + ".";
            p.put(key + "path", inputs.get(i).path());
            p.put(key + "texts", String.valueOf(inputs.get(i).texts()));
            p.put(key + "duplicatesSkipped", String.valueOf(inputs.get(i).duplicates()));
            p.put(key + "excluded", String.valueOf(inputs.get(i).excluded()));
            p.put(key + "sha256", inputs.get(i).sha256());
        }
        p.put("training.dimension", String.valueOf(config.dimension()));
        p.put("training.window", String.valueOf(config.window()));
        p.put("training.minCount", String.valueOf(config.minCount()));
        p.put("training.epochs", String.valueOf(config.epochs()));
        p.put("training.negative", String.valueOf(config.negative()));
        p.put("training.sampling", String.valueOf(config.sampling()));
        p.put("training.seed", String.valueOf(config.seed()));
        p.put("training.threads", String.valueOf(config.threads()));
        p.put("training.maxWords", String.valueOf(config.maxWords()));
        p.put("training.maxNgrams", String.valueOf(config.maxNgrams()));
        p.put("vocabulary.trained", String.valueOf(trainedWords));
        p.putAll(stamp());
        return p;
    }

    /** Creation time and project version, for every artifact's manifest. */
    static Map<String, String> stamp() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("projectVersion", org.stance.StanceVersion.get());
        return p;
    }

    /**
     * Serves the corpus lines to DL4J and reports progress. DL4J reads the corpus once to build
     * the vocabulary, then once per epoch; each {@code reset()} starts the next pass.
     */
    private static final class ProgressIterator implements SentenceIterator {
        private final List<String> lines;
        private final long tokensPerPass;
        private final int epochs;
        private final PrintStream out;
        private int position;
        private int pass;
        private long served;
        private long passStart = System.nanoTime();
        private long lastReport = System.currentTimeMillis();

        ProgressIterator(List<String> lines, long tokensPerPass, int epochs, PrintStream out) {
            this.lines = lines;
            this.tokensPerPass = tokensPerPass;
            this.epochs = epochs;
            this.out = out;
        }

        long served() {
            return served;
        }

        @Override
        public synchronized String nextSentence() {
            String line = lines.get(position++);
            long n = TrainingCorpus.countTokens(line);
            served += n;
            long now = System.currentTimeMillis();
            if (now - lastReport >= PROGRESS_EVERY_MS) {
                lastReport = now;
                long done = (long) ((double) position / lines.size() * tokensPerPass);
                double rate = done / ((System.nanoTime() - passStart) / 1e9);
                out.printf("embed: %s: %,d / %,d words, %,.0f words/s%n",
                        pass == 0 ? "vocabulary" : "epoch " + pass + "/" + epochs, done, tokensPerPass, rate);
            }
            return line;
        }

        @Override
        public synchronized boolean hasNext() {
            return position < lines.size();
        }

        @Override
        public synchronized void reset() {
            if (position > 0) {
                pass++;
            }
            position = 0;
            passStart = System.nanoTime();
        }

        @Override
        public void finish() {
        }

        @Override
        public SentencePreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public void setPreProcessor(SentencePreProcessor preProcessor) {
        }
    }
}
