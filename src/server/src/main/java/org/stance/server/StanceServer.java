package org.stance.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import com.fasterxml.jackson.databind.JsonNode;
import org.stance.UserError;

/**
 * The HTTP service over one {@link ModelSlot}: the JSON API, health, readiness, metrics and the
 * OpenAPI document, with every limit and fault answered as a JSON error of the right status and
 * never a stack trace. Scoring requests past the concurrency bound are refused at once (503 with
 * Retry-After), not queued; a request past its time is answered 503 while its work finishes.
 */
final class StanceServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    private final ModelSlot slot;
    private final ServerSettings settings;
    private final ServerMetrics metrics;
    private final AccessLog log;
    private final ScoringRequests requests;
    private final Semaphore permits;
    private final ExecutorService scoring;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean draining;
    private Javalin app;

    StanceServer(ModelSlot slot, ServerSettings settings, PrintStream accessLog) {
        this.slot = slot;
        this.settings = settings;
        this.metrics = new ServerMetrics(slot);
        this.log = new AccessLog(accessLog);
        this.requests = new ScoringRequests(settings.maxItems());
        this.permits = new Semaphore(settings.maxConcurrent());
        this.scoring = Executors.newFixedThreadPool(settings.maxConcurrent(), r -> {
            Thread t = new Thread(r, "stance-score");
            t.setDaemon(true);
            return t;
        });
        slot.onLoad(metrics::modelChanged);
    }

    /** Starts on {@code host:port} (port 0: any free one) and returns the port it listens on. */
    int start(String host, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.defaultContentType = JSON_TYPE;
            config.http.prefer405over404 = true;
            config.jetty.host = host;
            config.jetty.port = port;
            // drainAndStop waits for the handlers to return; a large response may still be on the wire then.
            // Jetty's graceful stop waits for it too (up to the grace period), instead of cutting it off.
            config.jetty.modifyServletContextHandler(handler -> handler.insertHandler(new org.eclipse.jetty.server.handler.GracefulHandler()));
            config.jetty.modifyServer(server -> server.setStopTimeout(Math.max(1, settings.shutdownGrace().toMillis())));
            config.routes.before(ctx -> {
                ctx.attribute("start", System.nanoTime());
                active.incrementAndGet();
                if (draining && !ctx.path().equals("/healthz")) {
                    ctx.header("Connection", "close");
                    throw new ApiError(503, "the server is shutting down");
                }
            });
            config.routes.post("/v1/sentences", ctx -> score(ctx, requests::sentences));
            config.routes.post("/v1/articles", ctx -> score(ctx, requests::articles));
            config.routes.get("/v1/model", ctx -> ctx.contentType(JSON_TYPE).result(served().description()));
            config.routes.get("/healthz", ctx -> ctx.contentType(JSON_TYPE).result("{\"status\":\"ok\"}"));
            config.routes.get("/readyz", this::ready);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            config.routes.get("/openapi.json", ctx -> ctx.contentType(JSON_TYPE).result(openApi()));
            config.routes.post("/admin/reload", this::reload);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                ctx.attribute("internal", e.toString());
                error(ctx, 500, "internal error");
            });
            config.routes.error(404, ctx -> error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path()));
            config.routes.error(405, ctx -> error(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));
            config.requestLogger.http((ctx, ms) -> finished(ctx));
        });
        app.start();
        return app.port();
    }

    /** Stops taking requests, lets those in flight finish (up to the grace period), then stops the server. */
    void drainAndStop() {
        draining = true;
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (app != null) {
            app.stop();
        }
        scoring.shutdownNow();
    }

    private ModelSlot.Served served() {
        ModelSlot.Served s = slot.get();
        if (s == null) {
            throw new ApiError(503, "no model loaded yet");
        }
        return s;
    }

    private void score(Context ctx, BiFunction<ModelSlot.Served, JsonNode, ScoringRequests.Answer> work) {
        String length = ctx.header("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > settings.maxBodyBytes()) {
            throw new ApiError(413, "request body of " + length + " bytes; at most " + settings.maxBodyBytes());
        }
        ModelSlot.Served model = served();
        // The permit comes first: the body and its parsed tree count against the bound too, so that
        // many large requests cannot fill the heap before they are refused.
        if (!permits.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new ApiError(503, "busy: " + settings.maxConcurrent() + " scoring requests are being served; retry");
        }
        java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        Future<ScoringRequests.Answer> answer;
        JsonNode body;
        try {
            body = ScoringRequests.parse(body(ctx));
            metrics.inFlight().incrementAndGet();
            answer = scoring.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null; // timed out before it started: the request thread gave the permit back
                }
                try {
                    return work.apply(model, body);
                } finally {
                    metrics.inFlight().decrementAndGet();
                    permits.release(); // held until the work ends, even past its timeout: the bound stays true
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        try {
            ScoringRequests.Answer a = answer.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            metrics.scored(a.sentences());
            ctx.attribute("sentences", a.sentences());
            if (settings.logText()) {
                ctx.attribute("text", body.toString());
            }
            ctx.contentType(JSON_TYPE).result(a.json());
        } catch (TimeoutException e) {
            answer.cancel(true);
            if (claimed.compareAndSet(false, true)) { // it never started: its permit is given back here
                metrics.inFlight().decrementAndGet();
                permits.release();
            }
            ctx.header("Retry-After", "1");
            throw new ApiError(503, "timed out after " + settings.requestTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiError api) {
                throw api;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The body as UTF-8 text, read within the size limit whatever Content-Length said (chunked bodies too). */
    private String body(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBodyBytes() + 1));
            if (bytes.length > settings.maxBodyBytes()) {
                throw new ApiError(413, "request body over " + settings.maxBodyBytes() + " bytes");
            }
            ctx.attribute("bytesIn", (long) bytes.length);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiError(400, "cannot read the request body: " + e.getMessage());
        }
    }

    private void ready(Context ctx) {
        ModelSlot.Served s = slot.get();
        if (s == null || draining) {
            error(ctx, 503, s == null ? "no model loaded yet" : "shutting down");
            return;
        }
        ctx.contentType(JSON_TYPE).result(JSON.createObjectNode().put("status", "ready").put("sha256", s.sha256()).toString());
    }

    /** Loads the model file again (replaced on disk); only from this machine. A file that fails its checks leaves the old model serving. */
    private void reload(Context ctx) throws IOException {
        if (!InetAddress.getByName(ctx.ip()).isLoopbackAddress()) {
            throw new ApiError(403, "reload is allowed from the loopback interface only");
        }
        // A header a web page cannot add to a cross-site request without a CORS preflight, which this
        // server never grants: a page open in a local browser cannot trigger reloads.
        if (!"1".equals(ctx.header("X-Stance-Reload"))) {
            throw new ApiError(403, "reload needs the header X-Stance-Reload: 1");
        }
        ModelSlot.Served before = served();
        try {
            ModelSlot.Served now = slot.reload();
            ctx.contentType(JSON_TYPE).result(JSON.createObjectNode().put("reloaded", true).put("sha256", now.sha256())
                    .put("previous_sha256", before.sha256()).toString());
        } catch (UserError | IllegalArgumentException e) {
            throw new ApiError(422, e.getMessage() + "; the model loaded before (sha256 " + before.sha256() + ") is still served");
        }
    }

    /** Reloads on a signal (SIGHUP), reporting on the access log's stream. */
    String reloadFromSignal() {
        ModelSlot.Served before = served();
        try {
            ModelSlot.Served now = slot.reload();
            return "reloaded " + now.file() + " (sha256 " + now.sha256() + ")";
        } catch (RuntimeException | Error e) { // an OutOfMemoryError with two models in memory too: the old one serves on
            return "reload failed: " + e + "; still serving sha256 " + before.sha256();
        }
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", status).put("error", message == null ? "error" : message);
        ctx.status(status).contentType(JSON_TYPE).result(body.toString());
        ctx.attribute("error", message);
    }

    private static String openApi() throws IOException {
        try (InputStream in = StanceServer.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new ApiError(500, "the OpenAPI document is missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void finished(Context ctx) {
        active.decrementAndGet();
        Long start = ctx.attribute("start");
        long nanos = start == null ? 0 : System.nanoTime() - start;
        String route = ctx.endpoint() == null || ctx.endpoint().path.equals("*") ? "unmatched" : ctx.endpoint().path;
        int status = ctx.statusCode();
        metrics.request(route, ctx.method().name(), status, nanos);
        Integer sentences = ctx.attribute("sentences");
        Long bytes = ctx.attribute("bytesIn");
        String error = ctx.attribute("internal") != null ? ctx.attribute("internal") : ctx.attribute("error");
        log.log(ctx.method().name(), ctx.path(), status, nanos, ctx.ip(), sentences == null ? 0 : sentences, bytes == null ? 0 : bytes, error,
                ctx.attribute("text"));
    }
}
