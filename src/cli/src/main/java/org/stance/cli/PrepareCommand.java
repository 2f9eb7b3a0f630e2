package org.stance.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.stance.data.ArticleSource;
import org.stance.data.PreparedSentences;
import org.stance.data.RawArticle;

/** {@code stance prepare}: raw articles → one sentence per CSV row, ready for annotation. */
@Command(name = "prepare", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Split raw Arabic news articles into clean sentences, one CSV row each, "
                + "with empty target, stance and topic columns ready for annotation.",
                "Columns: article_id, sentence_id, source, kind, target, stance, topic, text."})
final class PrepareCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, paramLabel = "INPUT",
            description = "Article files (UTF-8 text), folders (their *.txt files) or - for standard input. Default: standard input.")
    List<Path> inputs = List.of();

    @Mixin
    OutputOption output = new OutputOption();

    @Option(names = "--keep-boilerplate",
            description = "Also write the lines recognised as page boilerplate, with kind=boilerplate:<reason>.")
    boolean keepBoilerplate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> in = inputs.isEmpty() ? List.of(Path.of("-")) : inputs;
        OutputGuard.refuseInputs(spec.commandLine(), output.path(), OutputGuard.roles("input", in));
        List<RawArticle> articles = ArticleSource.read(in, System.in);
        PreparedSentences prepared = PreparedSentences.of(articles, keepBoilerplate);
        output.write(prepared::writeCsv);
        spec.commandLine().getErr().printf("prepared %d sentences from %d articles%s%n", prepared.sentenceCount(), articles.size(),
                output.isStdout() ? "" : " into " + output.path());
        return 0;
    }
}
