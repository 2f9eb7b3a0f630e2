package org.stance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.UserError;
import org.stance.api.ArticleAggregator;
import org.stance.api.ArticleScore;
import org.stance.api.JsonLinesWriter;
import org.stance.api.RecordFields;
import org.stance.api.SentenceScore;
import org.stance.api.StanceModel;
import org.stance.data.RawArticle;
import org.stance.cli.ScoreInputs.CheckedArticle;
import org.stance.cli.ScoreInputs.LineInput;

/** {@code stance score}: raw articles (or ready sentences) in, stance and topic with probabilities out. */
@Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Score raw Arabic articles: the same segmentation as prepare, stance and topic with probabilities "
                + "for every sentence, and the article's stance with its evidence sentences.",
                "With --sentences, every input line is one sentence, scored as it is: exactly one record per line, in order.",
                "Limits: an input file or standard input of at most 1 GB (articles); with --sentences, lines of at most 1,048,576 "
                        + "characters and no limit on their number (streamed). Articles over 1 MB are scored streamed."})
final class ScoreCommand implements Callable<Integer> {

    enum Format { table, jsonl, csv }

    @Parameters(arity = "0..*", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, paramLabel = "INPUT", description = "Article files, folders (*.txt) or - for standard input. Default: standard input.")
    List<Path> inputs = List.of();

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL.zip", description = "Model file (default: the shipped model, ${DEFAULT-VALUE}).",
            defaultValue = "${env:STANCE_HOME:-.}/models/iraq-presence.zip")
    Path model;

    @Option(names = "--format", description = "Output format: ${COMPLETION-CANDIDATES} (default: table on a terminal, jsonl otherwise).")
    Format format;

    @Option(names = "--text-column", paramLabel = "NAME", description = "In a CSV or JSON-lines input (.csv, .jsonl, .json), the column "
            + "holding the text. Rows are articles; with an article_id column, rows are the sentences of their article (not segmented "
            + "again); with --sentences, each row is a sentence.")
    String textColumn = "text";

    @Option(names = "--id-column", paramLabel = "NAME", description = "In a CSV or JSON-lines input, the column whose value is the "
            + "article id of the records (a row without one is named by its line).")
    String idColumn = "id";

    @Option(names = "--sentences", description = "Inputs hold one sentence per line: no segmentation, one record per line. Each line is "
            + "scored on its own (a model with article context reads it as an article of one sentence).")
    boolean sentences;

    @Option(names = "--top-k", description = "Show only the K most probable labels per task (0 = all; the table shows 1).")
    int topK = 0;

    @Option(names = "--fields", paramLabel = "FIELD,...", description = "JSON lines and CSV: write only these fields of each record "
            + "(its ids, and a skipped line's reason, always): text, a task (stance, topic, ...), probabilities (every label's, beside the "
            + "top one's), uncertain; and of an article's verdict source, sentences, evidence, topics (JSON lines only: a CSV article row has "
            + "no columns for them, its text is its first evidence sentence). Default: all.")
    String fields;

    @Option(names = "--threshold", description = "Mark a sentence uncertain when its top stance probability is below this (0 to 1).")
    double threshold = StanceModel.DEFAULT_THRESHOLD;

    @Option(names = "--target", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, description = "Target of the stance, for models trained with the target as an input (one of the targets "
            + "'stance inspect' lists).")
    String target = "";

    @Option(names = "--neutral-mass", description = "Article verdict: how many confident sentences' worth of a position it takes to "
            + "outweigh neutral (0 to 1000).")
    double neutralMass = ArticleAggregator.DEFAULT_NEUTRAL_MASS;

    @Option(names = "--explain", arity = "0..1", fallbackValue = "5", paramLabel = "K",
            description = "Add to every sentence the K features that pushed each label most, with their contributions to its logit "
                    + "(default K when given alone: ${FALLBACK-VALUE}; 0 = none).")
    int explain = 0;

    @Option(names = "--threads", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, description = "Threads that score in parallel (the output keeps the input's order). Default: the cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    /** What to do with an input that cannot be scored, as the Spark job's --on-error. */
    enum OnError { fail, skip }

    @Option(names = "--on-error", description = "An input file that cannot be read (not UTF-8, binary, no Arabic text, a broken link in a "
            + "folder): fail stops the run with its error; skip leaves it out, reports it on stderr and counts it at the end.")
    OnError onError = OnError.fail;

    @Mixin
    OutputOption output = new OutputOption();

    @Spec
    CommandSpec spec;

    /** A run longer than this says every so often how far it is (stderr). */
    static final int PROGRESS_SECONDS = 5;

    /** Inputs left out under --on-error skip. */
    private final List<String> skipped = new ArrayList<>();

    private java.util.function.Consumer<String> skipReporter() {
        if (onError == OnError.fail) {
            return null;
        }
        return problem -> {
            skipped.add(problem);
            spec.commandLine().getErr().println("skipped: " + TerminalSafe.text(problem));
        };
    }

    @Override
    public Integer call() throws IOException {
        OutputGuard.refuseInputs(spec.commandLine(), output.path(), OutputGuard.roles("input", inputs.isEmpty() ? List.of(Path.of("-")) : inputs,
                "model", model));
        output.checkWritable();
        if (topK < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top-k must be 0 or more, got " + topK);
        }
        List<Path> in = inputs.isEmpty() ? List.of(Path.of("-")) : inputs;
        if (in.stream().filter(p -> p.toString().equals("-")).count() > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be given once only");
        }
        // Everything that can fail on the user's input is checked before the first byte is written:
        // articles are read and segmented, sentence files are read through once, so a bad line never
        // leaves half an output behind. Standard input and pipes are streamed instead (never copied
        // to disk): a bad line there stops the run at that line, and an -o file is then not written.
        List<CheckedArticle> articles = sentences ? List.of() : ScoreInputs.articles(in, textColumn, idColumn, skipReporter());
        List<LineInput> lineInputs = sentences ? ScoreInputs.lines(in, textColumn, idColumn, skipReporter()) : List.of();
        if (onError == OnError.skip && articles.isEmpty() && lineInputs.isEmpty()) {
            throw new UserError("every input was skipped: nothing to score");
        }
        if (threads < 1 || threads > 1024) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be from 1 to 1024, got " + threads);
        }
        StanceModel scorer = StanceModel.load(model, threads, threshold, neutralMass).withExplanations(explain);
        try {
            scorer.checkTarget(target);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--target: " + e.getMessage());
        }
        checkRowTargets(scorer, articles, lineInputs);
        Format chosen = format != null ? format : (System.console() != null && output.isStdout() ? Format.table : Format.jsonl);
        RecordFields shown = recordFields(chosen, scorer);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long[] count = new long[2];
        output.writeBytes(out -> {
            // JSON lines are encoded by the generator itself, straight into bytes (a Writer's UTF-8 encoder
            // was a second pass over 28 MB of output per 70,000 sentences); tables and CSV write text
            Writer w = chosen == Format.jsonl ? null : OutputOption.text(out);
            ScoreWriter writer = Progress.counting(writer(chosen, out, w, scorer, shown), err, PROGRESS_SECONDS);
            try {
                if (sentences) {
                    SentenceScoring lines = new SentenceScoring(scorer, writer, target, this::rowTarget, count);
                    for (LineInput li : lineInputs) {
                        if (li.rows() != null) {
                            count[0] += lines.rows(li.rows());
                            continue;
                        }
                        try (InputStream s = li.open()) {
                            count[0] += lines.lines(s, li, () -> {
                                writer.finish();
                                out.flush();
                            });
                        }
                    }
                } else {
                    count[0] += scoreArticles(scorer.withThreads(1), articles, writer);
                }
                writer.finish();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                writer.close();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf("scored %d sentences in %.2f s (%.0f sentences/s)%s%s%n", count[0], seconds, count[0] / Math.max(seconds, 1e-9),
                count[1] > 0 ? "; " + count[1] + " line(s) not scored (empty or no Arabic letter): see their 'skipped' field" : "",
                skipped.isEmpty() ? "" : "; " + skipped.size() + " input(s) skipped (--on-error skip): see the 'skipped:' lines above");
        return 0;
    }

    /** The writer of a format: JSON lines into {@code out}, the text formats into {@code w} (which writes into {@code out}). */
    private ScoreWriter writer(Format format, java.io.OutputStream out, Writer w, StanceModel scorer, RecordFields shown) throws IOException {
        return switch (format) {
            case table -> new TableScoreWriter(new TerminalSafe(w), topK);
            case jsonl -> {
                JsonLinesWriter json = new JsonLinesWriter(out, topK, shown);
                yield new ScoreWriter() {
                    @Override
                    public void sentence(String articleId, SentenceScore s) throws IOException {
                        json.sentence(articleId, s);
                    }

                    @Override
                    public void article(ArticleScore a) throws IOException {
                        json.article(a);
                    }

                    @Override
                    public void finish() throws IOException {
                        json.flush();
                    }
                };
            }
            case csv -> new CsvScoreWriter(w, scorer.info().labels(), explain > 0, topK, shown);
        };
    }

    /** The --fields of the records (every field without the option), checked against the format and the model's tasks. */
    private RecordFields recordFields(Format chosen, StanceModel scorer) {
        if (fields == null) {
            return RecordFields.ALL;
        }
        if (chosen == Format.table) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fields applies to --format jsonl and csv (the table has its own columns)");
        }
        try {
            return RecordFields.parse(fields, scorer.info().labels().keySet());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fields: " + e.getMessage());
        }
    }

    /** Above this many characters an article is scored alone, streamed, so its records are never all held. */
    static final int LARGE_ARTICLE = 1 << 20;

    /** One article's records, scored on a worker and written in input order by the main thread. */
    private record Scored(String articleId, List<SentenceScore> sentences, ArticleScore verdict) {
    }

    /**
     * Scores articles on {@code threads} threads, one article per thread, and writes their records in
     * input order; a large article is streamed on its own (its sentences split over the threads).
     * Returns the number of sentences.
     */
    private long scoreArticles(StanceModel oneThread, List<CheckedArticle> articles, ScoreWriter writer) throws IOException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stance-article");
            t.setDaemon(true);
            return t;
        });
        long sentences = 0;
        java.util.ArrayDeque<java.util.concurrent.Future<Scored>> inFlight = new java.util.ArrayDeque<>();
        try {
            for (CheckedArticle checked : articles) {
                RawArticle a = checked.article();
                if (a.text().length() > LARGE_ARTICLE) {
                    sentences += drain(inFlight, writer, 0);
                    long[] written = {0};
                    ArticleScore verdict = oneThread.withThreads(threads).scoreSegmented(a.id(), a.source(), checked.segments(), targetOf(checked), s -> {
                        written[0]++;
                        try {
                            writer.sentence(a.id(), s);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    writer.article(verdict);
                    sentences += written[0];
                    continue;
                }
                inFlight.add(pool.submit(() -> {
                    List<SentenceScore> list = new ArrayList<>();
                    ArticleScore verdict = oneThread.scoreSegmented(a.id(), a.source(), checked.segments(), targetOf(checked), list::add);
                    return new Scored(a.id(), list, verdict);
                }));
                sentences += drain(inFlight, writer, 2 * threads);
            }
            sentences += drain(inFlight, writer, 0);
        } finally {
            pool.shutdownNow();
        }
        return sentences;
    }

    /** Writes finished articles, oldest first, until at most {@code keep} are in flight; returns their sentences. */
    private static long drain(java.util.ArrayDeque<java.util.concurrent.Future<Scored>> inFlight, ScoreWriter writer, int keep)
            throws IOException {
        long n = 0;
        while (inFlight.size() > keep) {
            Scored done = await(inFlight.poll());
            for (SentenceScore s : done.sentences()) {
                writer.sentence(done.articleId(), s);
            }
            writer.article(done.verdict());
            n += done.sentences().size();
        }
        return n;
    }

    static <T> T await(java.util.concurrent.Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Streams one (already checked) input line by line, one record per line, in order; returns the
     * number of lines. Reading and writing overlap the scoring: batch k is scored by the model's
     * threads while the records of batch k-1 are written and the lines of batch k+1 are read.
     */
    /** A table row's own target where it has one and the model reads targets, the --target given otherwise. */
    private String targetOf(CheckedArticle a) {
        return rowTarget(a.target());
    }

    private boolean needsTarget;

    private String rowTarget(String own) {
        return needsTarget && own != null && !own.isBlank() ? own : target;
    }

    /** Every row target a model that reads targets will be given, checked before anything is scored. */
    private void checkRowTargets(StanceModel scorer, List<CheckedArticle> articles, List<LineInput> lines) {
        needsTarget = scorer.info().needsTarget();
        if (!needsTarget) {
            return; // a target column is data the model does not read (the dataset's own files have one)
        }
        java.util.stream.Stream<String[]> given = java.util.stream.Stream.concat(
                articles.stream().map(a -> new String[] {a.article().source(), a.target()}),
                lines.stream().filter(l -> l.rows() != null).flatMap(l -> l.rows().stream().map(r -> new String[] {l.name() + ":" + r.line(), r.target()})));
        given.filter(t -> t[1] != null && !t[1].isBlank()).forEach(t -> {
            try {
                scorer.checkTarget(t[1]);
            } catch (IllegalArgumentException e) {
                throw new UserError(t[0] + ": target '" + t[1] + "': " + e.getMessage());
            }
        });
    }

}
