package org.stance.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.stance.StanceVersion;
import org.stance.UserError;
import org.stance.api.ArticleAggregator;
import org.stance.api.RecordFields;
import org.stance.api.StanceModel;

/**
 * {@code stance-spark score}: scores a news archive on Spark and writes exactly the records of
 * {@code stance score --format jsonl} (or the same fields as Parquet). The model is checked on the
 * driver before Spark starts, broadcast as bytes, and loaded once per executor JVM.
 */
@Command(name = "stance-spark", mixinStandardHelpOptions = true, versionProvider = ScoreJob.Version.class,
        subcommands = {ScoreJob.Score.class, CommandLine.HelpCommand.class},
        description = "Score news archives with a stance model on Apache Spark.")
public final class ScoreJob {

    /** Spark SQL settings of a local job (see where they are used). */
    private static final String[][] LOCAL_SQL_SETTINGS = {{"spark.sql.codegen.wholeStage", "false"},
            {"spark.sql.codegen.factoryMode", "NO_CODEGEN"}, {"spark.sql.adaptive.enabled", "false"}};

    enum Format { jsonl, parquet }

    enum OnError { fail, skip }

    enum InputFormat { auto, text, jsonl, csv, parquet }

    @Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
            description = {"Stance and topic per sentence and a verdict per article, for every article of the input.",
                    "Input: a folder of .txt articles (or one .txt file), or JSON lines / CSV / Parquet with 'id' and 'text' columns "
                            + "(optional 'target').",
                    "Output: a folder of part files holding the records of 'stance score --format jsonl', or Parquet with the same fields; "
                            + "articles that cannot be scored go to OUTPUT/_errors with --on-error skip."})
    static final class Score implements Callable<Integer> {

        @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.zip", description = "The model file (read on the driver).")
        Path model;

        @Option(names = "--input", required = true, paramLabel = "PATH", description = "The articles (a local or cluster file-system path).")
        String input;

        @Option(names = "--input-format", description = "How to read --input: ${COMPLETION-CANDIDATES} (auto: by its name).")
        InputFormat inputFormat = InputFormat.auto;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "The output folder (must not exist).")
        String output;

        @Option(names = "--format", description = "Output format: ${COMPLETION-CANDIDATES}.")
        Format format = Format.jsonl;

        @Option(names = "--on-error", description = "An article that cannot be scored (empty, binary, no Arabic text, unknown target): "
                + "${COMPLETION-CANDIDATES} (fail stops the job naming it; skip reports it in OUTPUT/_errors).")
        OnError onError = OnError.fail;

        @Option(names = "--master", description = "Spark master when not run through spark-submit (which sets its own).")
        String master = "local[*]";

        @Option(names = "--partitions", description = "Partitions of the input (0 = Spark's default parallelism x 4).")
        int partitions = 0;

        @Option(names = "--target", description = "Target of every article of a .txt input, for models that read one.")
        String target = "";

        @Option(names = "--fields", paramLabel = "FIELD,...", description = "Write only these fields of each record, as 'stance score "
                + "--fields' does (see 'stance score --help'). Default: all.")
        String fields;

        @Option(names = "--threshold", description = "Mark a sentence uncertain below this top probability (0 to 1).")
        double threshold = StanceModel.DEFAULT_THRESHOLD;

        @Option(names = "--neutral-mass", description = "Article verdict setting (see 'stance score --help').")
        double neutralMass = ArticleAggregator.DEFAULT_NEUTRAL_MASS;

        @Option(names = "--stacktrace", description = "Print the full stack trace of an error.")
        boolean stacktrace;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            // Everything that can fail on the user's side is checked before Spark is used.
            if (partitions < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be 0 (Spark's default) or more, got " + partitions);
            }
            checkLocalPaths();
            long start = System.nanoTime();
            // Spark starts on another thread while the model is loaded and checked here (one article: 0.1-0.2 s
            // less, medians of 5 alternating runs); checks that fail refuse the start and are reported at once.
            SparkStart starting = SparkStart.begin(sessionBuilder());
            StanceModel check;
            RecordFields shown;
            byte[] modelBytes;
            InputFormat how;
            try {
                check = StanceModel.load(model, 1, threshold, neutralMass);
                if (!target.isEmpty()) {
                    check.checkTarget(target);
                }
                shown = recordFields(check);
                modelBytes = Files.readAllBytes(model);
                how = inputFormat == InputFormat.auto ? guess(input) : inputFormat;
            } catch (RuntimeException | IOException e) {
                starting.refuse();
                throw e;
            }
            SparkSession spark = starting.get();
            spark.sparkContext().setLogLevel("WARN");
            Throwable failure = null;
            try {
                int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism() * 4;
                JavaRDD<ArticleRow> articles;
                try {
                    articles = ArticleInputs.read(spark, input, how, target, parts);
                } catch (UserError e) {
                    throw e;
                } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared by Scala
                    // a corrupt Parquet footer, an unreadable file: Spark's message is many lines of its own internals
                    throw new UserError(input + ": cannot be read as " + how + " (" + message(rootCause(e)) + ")", e);
                }
                Broadcast<byte[]> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);
                ModelCache.put(broadcast.id(), threshold, neutralMass, check);
                var sentenceCount = spark.sparkContext().longAccumulator("sentences");
                var articleCount = spark.sparkContext().longAccumulator("articles");
                var errorCount = spark.sparkContext().longAccumulator("errors");
                JavaRDD<ScoredArticle> scored = articles.mapPartitions(new PartitionScorer(broadcast, threshold, neutralMass, shown,
                        onError == OnError.skip, sentenceCount, articleCount, errorCount));
                if (onError == OnError.skip || format == Format.parquet) {
                    // A second pass reads the scored articles (the error records; Parquet's schema inference): kept, not
                    // scored again. JSON lines without skipping are read once, and go straight to the writer uncached.
                    scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
                }
                JavaRDD<String> records = scored.filter(a -> !a.error()).map(ScoredArticle::records);
                if (format == Format.jsonl) {
                    // Hadoop's text writer, one element an article: no Spark SQL row, plan or encoder per record (3,000
                    // articles: see docs/PERFORMANCE.md).
                    // Exactly the CLI's bytes: not compressed, whatever a cluster's Hadoop configuration says.
                    spark.sparkContext().hadoopConfiguration().setBoolean("mapreduce.output.fileoutputformat.compress", false);
                    records.saveAsTextFile(output);
                } else {
                    Dataset<String> lines = spark.createDataset(records.flatMap(r -> Arrays.asList(r.split("\n")).iterator()).rdd(),
                            Encoders.STRING());
                    spark.read().json(lines).write().mode(SaveMode.ErrorIfExists).parquet(output);
                }
                // Counted by accumulators during the write (each partition is scored once; a retried task could count
                // twice, which only affects this summary line).
                long sentences = sentenceCount.value();
                long verdicts = articleCount.value();
                long errorsFound = errorCount.value();
                if (errorsFound > 0) {
                    scored.filter(ScoredArticle::error).map(ScoredArticle::records).coalesce(1).saveAsTextFile(output + "/_errors");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                spec.commandLine().getErr().printf(Locale.ROOT, "stance-spark: scored %d sentences of %d articles in %.1f s (%.0f sentences/s)%s; output in %s%n",
                        sentences, verdicts, seconds, sentences / seconds,
                        errorsFound > 0 ? "; " + errorsFound + " article(s) not scored, listed in " + output + "/_errors" : "", output);
                scored.unpersist();
            } catch (Throwable t) { // rethrown as it is (a SparkException comes undeclared from Scala)
                failure = t;
                throw t;
            } finally {
                spark.stop();
                if (failure != null && localJob() && !failedOnExistingOutput(failure)) {
                    removeFailedOutput();
                }
            }
            return 0;
        }

        /** Whether the job runs in this JVM (a local master, not spark-submit's): its paths without a scheme are local files. */
        private boolean localJob() {
            return System.getProperty("spark.master") == null && master.startsWith("local");
        }

        /** Whether the job failed on an output that exists (another job's, made after the check): then it is not this job's to remove. */
        private static boolean failedOnExistingOutput(Throwable failure) {
            return chainHas(failure, org.apache.hadoop.mapred.FileAlreadyExistsException.class)
                    || chainHas(failure, org.apache.hadoop.fs.FileAlreadyExistsException.class)
                    || chainHas(failure, org.apache.spark.sql.AnalysisException.class);
        }

        /**
         * A failed local job's output folder, which did not exist when the job began, is removed when it holds
         * nothing but the committer's temporary files, so that the same command can run again once the input
         * is fixed. Called after the session stopped; a folder that holds anything else (a task that was still
         * writing, another job's output that appeared meanwhile: a failure on an existing output never gets
         * here) stays, and so does one that cannot be read.
         */
        private void removeFailedOutput() {
            Path out = localPath(output);
            if (out == null) {
                return;
            }
            try {
                Path temporary = out.resolve("_temporary");
                if (Files.isDirectory(temporary)) {
                    try (var tree = Files.walk(temporary)) {
                        for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.deleteIfExists(out); // refused for a folder that is not empty
            } catch (IOException | RuntimeException e) {
                // a folder with other files in it, one that changed while it was walked, one that cannot be removed:
                // left as it is, and the job's own error is the one reported
            }
        }

        /** The --fields of the records (every field without the option), checked against the model's tasks. */
        private RecordFields recordFields(StanceModel check) {
            if (fields == null) {
                return RecordFields.ALL;
            }
            try {
                return RecordFields.parse(fields, check.info().labels().keySet());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--fields: " + e.getMessage());
            }
        }

        /** The session's settings: the master, and for a local job the loopback driver, no web UI and interpreted SQL. */
        private SparkSession.Builder sessionBuilder() {
            SparkSession.Builder builder = SparkSession.builder().appName("stance-spark score");
            if (System.getProperty("spark.master") == null) {
                builder.master(master);
            }
            if (localJob()) {
                // Everything in this JVM: bind the driver to the loopback interface and start no web UI.
                builder.config("spark.driver.host", "localhost").config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.ui.enabled", "false");
                // Spark SQL reads JSON, CSV and Parquet inputs and writes Parquet output here (the .txt to JSON-lines
                // path has no query): compiling its expressions to bytecode at every start cost more than it saved
                // (3,000 articles, when every path went through Spark SQL: 6.66 against 7.07 s, medians of 6
                // alternating runs). A -D setting wins.
                for (String[] setting : LOCAL_SQL_SETTINGS) {
                    if (System.getProperty(setting[0]) == null) {
                        builder.config(setting[0], setting[1]);
                    }
                }
            }
            return builder;
        }

        /** A local input must exist and the output must not, checked before Spark starts (a cluster path is Spark's to check). */
        private void checkLocalPaths() {
            Path in = localPath(input);
            if (in != null && !Files.exists(in)) {
                throw new UserError(input + ": no such file or folder");
            }
            if (in != null && Files.isDirectory(in) && (inputFormat == InputFormat.auto || inputFormat == InputFormat.text)
                    && guess(input) == InputFormat.text) {
                try (var files = Files.list(in)) {
                    if (files.noneMatch(f -> f.getFileName().toString().endsWith(".txt"))) {
                        throw new UserError(input + ": the folder holds no .txt article");
                    }
                } catch (IOException e) {
                    throw new UserError("cannot list " + input + ": " + e.getMessage(), e);
                }
            }
            Path out = localPath(output);
            if (out != null && Files.exists(out)) {
                throw new UserError(output + ": already exists; the job writes a new folder (remove it or choose another)");
            }
        }

        /** The local path a job path names (no scheme, or file:), or null for a cluster file system. */
        static Path localPath(String path) {
            if (path.startsWith("file:")) {
                return Path.of(ArticleInputs.localPath(path));
            }
            return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? null : Path.of(path);
        }

        static InputFormat guess(String path) {
            String p = path.toLowerCase(Locale.ROOT);
            if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".jsonl.gz") || p.endsWith(".json.gz")) {
                return InputFormat.jsonl;
            }
            if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
                return InputFormat.csv;
            }
            if (p.endsWith(".parquet")) {
                return InputFormat.parquet;
            }
            return InputFormat.text;
        }
    }

    private ScoreJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the job's CLI and returns the exit code: 0 done, 1 a failure on the input, 2 a usage error. */
    static int run(String[] args, PrintWriter err) {
        CommandLine cli = new CommandLine(new ScoreJob());
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("stance-spark: error: " + ex.getMessage());
            err.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = rootCause(ex);
            Score score = commandLine.getCommand() instanceof Score s ? s : null;
            boolean usage = cause instanceof org.stance.InvalidSettingException || cause instanceof IllegalArgumentException
                    && !(cause instanceof PartitionScorer.ArticleFailure);
            boolean known = cause instanceof UserError || cause instanceof PartitionScorer.ArticleFailure || usage
                    || cause instanceof org.apache.spark.sql.AnalysisException || cause instanceof IOException;
            // A task that failed on something not its own (a corrupt input block, a lost executor): one line, without "internal".
            boolean taskFailed = !known && chainHas(ex, org.apache.spark.SparkException.class);
            err.println("stance-spark: error: " + (known ? message(cause) : taskFailed ? "the job failed: " + message(cause) : "internal error: " + cause)
                    + (known || score == null || score.stacktrace ? "" : " (run again with --stacktrace for details)"));
            if (score != null && score.stacktrace) {
                ex.printStackTrace(err);
            }
            return usage && !(cause instanceof UserError) ? 2 : 1;
        });
        return cli.execute(args);
    }

    static boolean chainHas(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause that says something: Spark wraps a task's exception in its own several times. */
    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c && !(c instanceof UserError) && !(c instanceof PartitionScorer.ArticleFailure)) {
            c = c.getCause();
        }
        return c;
    }

    private static String message(Throwable t) {
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int newline = m.indexOf('\n');
        return newline > 0 ? m.substring(0, newline) : m;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stance-spark " + StanceVersion.get()};
        }
    }
}
