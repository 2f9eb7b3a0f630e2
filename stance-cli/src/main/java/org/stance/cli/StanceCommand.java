package org.stance.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import org.stance.UserError;

/**
 * The {@code stance} command: a thin layer over the library. Exit codes follow picocli: 0 success,
 * 1 a runtime failure (bad input data, a model of another version), 2 a usage error.
 */
@Command(name = "stance",
        mixinStandardHelpOptions = true,
        versionProvider = StanceCommand.Version.class,
        showDefaultValues = true,
        description = "Stance and topic classification trainer for Arabic news.",
        subcommands = {PrepareCommand.class, DatasetCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, BenchCommand.class, EmbedCommand.class,
                InspectCommand.class, CommandLine.HelpCommand.class})
public final class StanceCommand {

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the full stack trace of an error (for bug reports).")
    boolean stacktrace;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by the tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        StanceCommand root = new StanceCommand();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean trace = root.stacktrace;
            if (ex instanceof UserError) {
                err.println("stance: error: " + ex.getMessage());
            } else {
                err.println("stance: internal error: " + ex + (trace ? "" : " (run again with --stacktrace for details)"));
            }
            if (trace) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version from the jar manifest (set by Maven), or "dev" when run from classes. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stance " + org.stance.StanceVersion.get()};
        }
    }
}
