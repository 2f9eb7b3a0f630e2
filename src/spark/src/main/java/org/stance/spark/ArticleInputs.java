package org.stance.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.stance.UserError;

/** Reads the job's input as articles: .txt files, or JSON lines / CSV / Parquet with id and text columns. */
final class ArticleInputs {

    private ArticleInputs() {
    }

    /**
     * The articles as an RDD: the scoring and the JSON-lines writer need no table, and .txt files go
     * from Hadoop's reader to the scorer without Spark SQL (no encoder, no query plan).
     */
    static JavaRDD<ArticleRow> read(SparkSession spark, String input, ScoreJob.InputFormat format, String target, int partitions) {
        if (format == ScoreJob.InputFormat.text) {
            // A folder's .txt files (its top level), as `stance score DIR` reads them; or one file.
            String glob = input.endsWith(".txt") ? input : input.replaceAll("/+$", "") + "/*.txt";
            return JavaSparkContext.fromSparkContext(spark.sparkContext()).wholeTextFiles(glob, partitions)
                    .map(f -> new ArticleRow(idOf(f._1()), localPath(f._1()), f._2(), target));
        }
        Dataset<Row> table = switch (format) {
            case jsonl -> spark.read().option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT).json(input);
            case csv -> spark.read().option("header", true).option("multiLine", true).option("escape", "\"").csv(input);
            case parquet -> spark.read().parquet(input);
            default -> throw new IllegalStateException(format.name());
        };
        List<String> columns = Arrays.asList(table.columns());
        for (String required : List.of("id", "text")) {
            if (!columns.contains(required)) {
                throw new UserError(input + ": no '" + required + "' column (columns found: " + String.join(", ", columns) + ")");
            }
        }
        refuseDuplicateIds(table, input);
        boolean hasTarget = columns.contains("target");
        boolean hasCorrupt = columns.contains(CORRUPT);
        Dataset<Row> selected = table.select("id", hasTarget ? "target" : "id", "text", hasCorrupt ? CORRUPT : "id");
        return selected.repartition(partitions).javaRDD().map(r -> new ArticleRow(
                r.isNullAt(0) ? "" : String.valueOf(r.get(0)), input, r.isNullAt(2) ? "" : String.valueOf(r.get(2)),
                hasTarget && !r.isNullAt(1) ? String.valueOf(r.get(1)) : target, problem(r, hasCorrupt)));
    }

    /** The column Spark puts a JSON line it cannot parse into. */
    static final String CORRUPT = "_corrupt_record";

    /** Why a row is no article: a JSON line that did not parse (its start quoted), or no id. */
    private static String problem(Row r, boolean hasCorrupt) {
        if (hasCorrupt && !r.isNullAt(3)) {
            String line = r.getString(3).strip();
            return "a malformed JSON line: " + (line.length() > 60 ? line.substring(0, 60) + "..." : line);
        }
        return r.isNullAt(0) || String.valueOf(r.get(0)).isBlank() ? "a row without an id" : null;
    }

    /** Article ids must be unique, as in the CLI: records of two articles with one id could not be told apart. */
    private static void refuseDuplicateIds(Dataset<Row> table, String input) {
        List<Row> repeated = table.where(table.col("id").isNotNull()).groupBy("id").count().where("count > 1").limit(3).collectAsList();
        if (!repeated.isEmpty()) {
            Row first = repeated.get(0);
            throw new UserError(input + ": the article id '" + first.get(0) + "' is given " + first.getLong(1) + " times; ids must be unique");
        }
    }

    /** The file name without its extension, as the CLI names an article. */
    static String idOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A local file's path without the file: scheme Spark adds; other file systems keep their URI. */
    static String localPath(String uri) {
        return uri.startsWith("file:") ? uri.substring("file:".length()).replaceFirst("^//", "") : uri;
    }
}
