package org.stance.server;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.stance.StanceVersion;
import org.stance.UserError;
import org.stance.api.ArticleAggregator;
import org.stance.api.StanceModel;

/**
 * {@code stance serve}: serves a model file over HTTP until SIGTERM or SIGINT, which let the
 * requests in flight finish and exit 0; SIGHUP reloads the model file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = ServeCommand.Version.class,
        description = {"Serve a stance model over HTTP: POST /v1/sentences and /v1/articles (the records of 'stance score --format jsonl'), "
                + "GET /v1/model, /healthz, /readyz, /metrics (Prometheus), /openapi.json; POST /admin/reload from this machine, or SIGHUP.",
                "One JSON line per request on stderr. SIGTERM: requests in flight finish, new ones get 503, exit 0."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL.zip", defaultValue = "${env:STANCE_HOME:-.}/models/iraq-presence.zip",
            description = "The model file to serve.")
    Path model;

    @Option(names = "--host", description = "Interface to listen on (0.0.0.0 for every one).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port to listen on (0: any free one, printed at start).")
    int port = 8080;

    @Option(names = "--threads", description = "Threads one request's scoring may use.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-concurrent", description = "Scoring requests served at once; one more is answered 503 with Retry-After.")
    int maxConcurrent = ServerSettings.defaultMaxConcurrent();

    @Option(names = "--max-items", description = "Sentences or articles in one request; more is answered 413.")
    int maxItems = ServerSettings.DEFAULT_MAX_ITEMS;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body; larger is answered 413.")
    long maxBody = ServerSettings.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "A scoring request still running after this is answered 503.")
    long timeoutSeconds = ServerSettings.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--grace", paramLabel = "SECONDS", description = "On SIGTERM, how long requests in flight may take to finish.")
    long graceSeconds = ServerSettings.DEFAULT_GRACE.toSeconds();

    @Option(names = "--threshold", description = "Mark a sentence uncertain below this top probability (0 to 1).")
    double threshold = StanceModel.DEFAULT_THRESHOLD;

    @Option(names = "--neutral-mass", description = "Article verdict setting (see 'stance score --help').")
    double neutralMass = ArticleAggregator.DEFAULT_NEUTRAL_MASS;

    @Option(names = "--log-text", description = "Also log the request bodies (the texts scored); off by default.")
    boolean logText;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cli, "--port must be from 0 to 65535, got " + port);
        }
        if (threads < 1 || maxConcurrent < 1 || maxItems < 1 || maxBody < 1024 || timeoutSeconds < 1 || graceSeconds < 0) {
            throw new CommandLine.ParameterException(cli, "--threads, --max-concurrent, --max-items and --timeout must be at least 1, "
                    + "--max-body at least 1024, --grace at least 0");
        }
        ModelSlot slot = new ModelSlot(threads, threshold, neutralMass);
        ModelSlot.Served served = slot.load(model); // checked whole before the port opens
        PrintStream err = System.err;
        StanceServer server = new StanceServer(slot, new ServerSettings(maxBody, maxItems, maxConcurrent, Duration.ofSeconds(timeoutSeconds),
                Duration.ofSeconds(graceSeconds), logText), err);
        int listening;
        try {
            listening = server.start(host, port);
        } catch (RuntimeException e) {
            throw new UserError("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        err.printf("stance serve: %s (sha256 %s) on http://%s:%d%n", model, served.sha256(), host, listening);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            err.println("stance serve: stopping: finishing requests in flight");
            server.drainAndStop();
            stopped.countDown();
        };
        Signals.on("TERM", stop);
        Signals.on("INT", stop);
        Signals.on("HUP", () -> err.println("stance serve: " + server.reloadFromSignal()));
        stopped.await();
        err.println("stance serve: stopped");
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Exit codes as the CLI's: 0 stopped cleanly, 1 a model or port that cannot be used, 2 a usage error. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("stance: error: " + ex.getMessage());
            err.println("(see 'stance serve --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof org.stance.InvalidSettingException s) { // --threshold 2: a usage error naming the option
                err.println("stance: error: " + org.stance.InvalidSettingException.optionFor(s.setting()) + " " + s.requirement());
                return 2;
            }
            err.println("stance: error: " + (ex instanceof UserError ? ex.getMessage() : "internal error: " + ex));
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stance serve " + StanceVersion.get()};
        }
    }
}
