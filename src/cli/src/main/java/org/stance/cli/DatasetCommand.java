package org.stance.cli;

import org.stance.curation.IraqPresence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.curation.DatasetLayout;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.curation.DatasetSplitter;
import org.stance.curation.DatasetStats;
import org.stance.data.DatasetWriter;
import org.stance.data.LabeledSentence;
import org.stance.curation.Agreement;

/** {@code stance dataset}: the figures of the dataset card, and the fixed splits. */
@Command(name = "dataset", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Dataset card figures (stats), fixed article-level splits (split), adding labeled rows (add).",
        subcommands = {DatasetCommand.Stats.class, DatasetCommand.Split.class, DatasetAddCommand.class})
final class DatasetCommand {

    /** The shipped dataset, found from the project (STANCE_HOME, which bin/stance sets), not from the working folder. */
    static final String DEFAULT_DIR = "${env:STANCE_HOME:-.}/datasets/iraq-presence";

    @Command(name = "stats", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Counts per label, split and source, split checks and inter-annotator agreement (Cohen's kappa), as Markdown.")
    static final class Stats implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Dataset folder.", defaultValue = DEFAULT_DIR)
        Path dir;

        @Option(names = "--guidelines", paramLabel = "FILE", description = "Guidelines whose quoted example sentences are set apart in the agreement figures.",
                defaultValue = "datasets/GUIDELINES.md")
        Path guidelines;

        @Option(showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, names = "--held-out-sources", paramLabel = "LIST.tsv",
                description = "Pages kept for evaluation: a row from, or authored after, one of them is refused. "
                        + "Default: ../shared/corpus/HELD-OUT-PERIOD.tsv beside the repository that holds DIR, when present.")
        Path heldOutSources;

        @Spec
        CommandSpec spec;

        /** The project's list of held-out period pages, beside the repository holding {@code dataset} (datasets/NAME). */
        static Path defaultHeldOut(Path dataset) {
            Path repo = dataset.toAbsolutePath().normalize().getParent();
            repo = repo == null ? null : repo.getParent();
            Path list = repo == null ? null : repo.resolveSibling("shared").resolve("corpus/HELD-OUT-PERIOD.tsv");
            return list != null && java.nio.file.Files.isRegularFile(list) ? list : null;
        }

        @Override
        public Integer call() {
            Path list = heldOutSources != null ? heldOutSources : defaultHeldOut(dir);
            DatasetStats.Report report = DatasetStats.compute(new DatasetLayout(dir), guidelines,
                    list == null ? null : org.stance.data.HeldOutSources.read(list));
            PrintWriter out = spec.commandLine().getOut();
            out.println("## Labels");
            out.println();
            table(out, "part", List.of(report.total()), report);
            out.println();
            out.println("## Splits (by article)");
            out.println();
            table(out, "split", report.splits(), report);
            out.println();
            out.printf("Splits disjoint by article: %s. Splits cover every sentence: %s.%n", yes(report.splitsDisjoint()), yes(report.splitsCoverAll()));
            out.println();
            out.println("## Sources");
            out.println();
            table(out, "source", report.sources(), report);
            if (!report.agreement().isEmpty()) {
                out.println();
                out.println("## Agreement (independent second pass)");
                out.println();
                out.println("| column | sentences | raw agreement | Cohen's kappa | sentences not quoted in the guidelines | kappa on those "
                        + "| sentences of the latest round | raw agreement | kappa |");
                out.println("|---|---|---|---|---|---|---|---|---|");
                for (DatasetStats.ColumnAgreement a : report.agreement()) {
                    Agreement u = a.unquoted();
                    Agreement r = a.latestRound();
                    out.printf("| %s | %d | %.3f | %.3f | %s | %s | %s | %s | %s |%n", a.column(), a.all().n(), a.all().observed(), a.all().kappa(),
                            u == null ? "0" : String.valueOf(u.n()), u == null ? "-" : String.format("%.3f", u.kappa()),
                            r == null ? "-" : r.n() + " (round " + a.latestRoundName() + ")", r == null ? "-" : String.format("%.3f", r.observed()),
                            r == null ? "-" : String.format("%.3f", r.kappa()));
                }
                out.println();
                out.println("Stance, first pass (rows) × second pass (columns):");
                out.println();
                Map<String, Map<String, Integer>> m = report.agreement().stream().filter(a -> a.column().equals("stance")).findFirst()
                        .orElseThrow().all().matrix();
                out.println("| | " + String.join(" | ", m.keySet()) + " |");
                out.println("|---" + "|---".repeat(m.size()) + "|");
                m.forEach((row, cols) -> out.println("| " + row + " | " + String.join(" | ", cols.values().stream().map(String::valueOf).toList()) + " |"));
                out.println();
                out.printf("Disagreements adjudicated: %d (%s).%n", report.adjudicated(), report.adjudicatedByColumn());
            }
            return 0;
        }

        private static void table(PrintWriter out, String first, List<DatasetStats.Part> parts, DatasetStats.Report report) {
            List<String> stances = IraqPresence.STANCES;
            List<String> topics = IraqPresence.TOPICS;
            out.println("| " + first + " | articles | sentences | " + String.join(" | ", stances) + " | with a position | "
                    + String.join(" | ", topics) + " | iraq | syria |");
            out.println("|---".repeat(4 + stances.size() + topics.size() + 2) + "|");
            for (DatasetStats.Part p : parts) {
                Map<String, Integer> st = p.counts().get("stance");
                int positioned = p.sentences() - st.getOrDefault("neutral", 0);
                StringBuilder row = new StringBuilder("| " + p.name() + " | " + p.articles() + " | " + p.sentences());
                stances.forEach(s -> row.append(" | ").append(st.getOrDefault(s, 0)));
                row.append(" | ").append(positioned);
                topics.forEach(t -> row.append(" | ").append(p.counts().get("topic").getOrDefault(t, 0)));
                IraqPresence.TARGETS.forEach(t -> row.append(" | ").append(p.counts().get("target").getOrDefault(t, 0)));
                out.println(row.append(" |"));
            }
        }

        private static String yes(boolean b) {
            return b ? "yes" : "NO";
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"Write train.csv, dev.csv and test.csv beside sentences.csv, by whole articles.",
                    "An article already in a split stays there; a new one goes where a hash of its id with --seed puts it (authored "
                            + "ones to train), so adding data never moves the test set. --reshuffle cuts everything afresh, "
                            + "stratified on stance: it replaces the test set, and figures before and after stop being comparable."})
    static final class Split implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Dataset folder holding sentences.csv.", defaultValue = DEFAULT_DIR)
        Path dir;

        @picocli.CommandLine.Mixin
        SplitOptions cut = new SplitOptions();

        @Option(names = "--reshuffle", description = "Cut every article afresh (replaces the test set).")
        boolean reshuffle;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DatasetLayout layout = new DatasetLayout(dir);
            layout.requireSentences();
            List<LabeledSentence> rows = new DatasetReader(IraqPresence.schema()).read(layout.sentences()).rows();
            Map<String, String> existing = reshuffle ? Map.of() : DatasetAddCommand.existingSplits(layout);
            Map<String, List<LabeledSentence>> splits = existing.isEmpty() ? DatasetSplitter.split(rows, "stance", cut.folds, cut.testFolds, cut.devFolds, cut.seed)
                    : DatasetSplitter.extend(rows, existing, cut.folds, cut.testFolds, cut.devFolds, cut.seed);
            // The three files are one unit: a failure must not leave a new train split beside an old test split.
            Map<Path, List<LabeledSentence>> files = new java.util.LinkedHashMap<>();
            splits.forEach((name, part) -> files.put(layout.split(name), part));
            DatasetWriter.writeAll(files);
            splits.forEach((name, part) -> spec.commandLine().getErr().printf("%s: %d sentences, %d articles -> %s%n", name, part.size(),
                    part.stream().map(LabeledSentence::groupKey).distinct().count(), layout.split(name)));
            return 0;
        }
    }
}
