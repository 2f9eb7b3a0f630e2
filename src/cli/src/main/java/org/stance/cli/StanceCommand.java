package org.stance.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import org.stance.InvalidSettingException;
import org.stance.UserError;

/**
 * The {@code stance} command: a thin layer over the library. Exit codes follow picocli: 0 success,
 * 1 a runtime failure (bad input data, a model of another version), 2 a usage error.
 */
@Command(name = "stance",
        mixinStandardHelpOptions = true,
        versionProvider = StanceCommand.Version.class,
        showDefaultValues = true,
        description = "Stance and topic classification trainer for Arabic news.")
public final class StanceCommand {

    /** The subcommands, in the order the usage text lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(PrepareCommand.class, DatasetCommand.class, TrainCommand.class,
            EvaluateCommand.class, CrossValidateCommand.class, ScoreCommand.class, SuggestCommand.class, BenchCommand.class, EmbedCommand.class,
            InspectCommand.class, QuantizeCommand.class, UpgradeModelCommand.class, CommandLine.HelpCommand.class);

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the full stack trace of an error (for bug reports).")
    boolean stacktrace;

    public static void main(String[] args) {
        // UTF-8 whatever the locale: messages and inspect output quote Arabic text (LANG=C would print '?').
        System.exit(run(args, new PrintWriter(new java.io.OutputStreamWriter(Stdout.install(), java.nio.charset.StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by the tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        StanceCommand root = new StanceCommand();
        CommandLine cli = new CommandLine(root);
        // Picocli reflects over every option of every command it is given: building only the command
        // that runs took 0.1 s off a cold start. Usage, help and a mistyped name get them all.
        String requested = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        List<Class<?>> needed = SUBCOMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class
                && (c.getAnnotation(Command.class).name().equals(requested)
                        || List.of(c.getAnnotation(Command.class).aliases()).contains(requested))).toList();
        for (Class<?> command : needed.isEmpty() ? SUBCOMMANDS : needed) {
            cli.addSubcommand(command);
        }
        // An empty path is never meant (-o "" from an unset shell variable): a usage error, not "is a folder".
        cli.registerConverter(java.nio.file.Path.class, value -> {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("an empty path");
            }
            return java.nio.file.Path.of(value);
        });
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --optimizer adam as well as ADAM
        cli.setOut(out);
        cli.setErr(err);
        // A usage mistake gets its message and where to look, not the whole usage text.
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            err.println("stance: error: " + TerminalSafe.text(ex.getMessage()));
            err.println("(see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean trace = root.stacktrace;
            int code = 1;
            if (Stdout.isBrokenPipe(ex) && !trace) {
                return 1; // the reader stopped early (| head): quiet, as cat is
            }
            if (ex instanceof UserError) {
                err.println("stance: error: " + TerminalSafe.text(ex.getMessage()));
            } else if (ex instanceof InvalidSettingException s) {
                // A setting out of range is a usage mistake: name the option (--neutral-mass for neutralMass).
                err.println("stance: error: " + optionName(s.setting()) + " " + s.requirement());
                code = 2;
            } else {
                err.println("stance: internal error: " + ex + (trace ? "" : " (run again with --stacktrace for details)"));
            }
            if (trace) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli passes Errors through; an input too large for the heap still gets one line and exit 1.
            err.println("stance: error: out of memory: the input or the model is too large for this Java heap "
                    + "(bin/stance takes the heap from STANCE_JAVA_OPTS, e.g. -Xmx16g)");
            code = 1;
        }
        java.io.IOException failed = out.checkError() ? new java.io.IOException("the write failed") : Stdout.failure();
        if (failed != null && code == 0) {
            // PrintWriter swallows write errors: a full disk, a closed stdout or a broken pipe shows here.
            if (!Stdout.isBrokenPipe(failed)) {
                err.println("stance: error: cannot write to standard output: "
                        + (failed.getMessage() == null ? "the write failed" : failed.getMessage()) + "; the output is incomplete");
            }
            code = 1;
        }
        err.flush();
        return code;
    }

    /** The option a library setting corresponds to, by the CLI's naming rule (camelCase → --kebab-case). */
    static String optionName(String setting) {
        String renamed = RENAMED.get(setting);
        return renamed != null ? renamed : InvalidSettingException.optionFor(setting);
    }

    /** The settings whose option does not follow the rule. */
    private static final java.util.Map<String, String> RENAMED = java.util.Map.of("dimension", "--dim");

    /** The version from the jar manifest (set by Maven), or "dev" when run from classes. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stance " + org.stance.StanceVersion.get()};
        }
    }
}
