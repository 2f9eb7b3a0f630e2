package org.stance.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What {@code GET /metrics} exposes, in Prometheus' text format. */
final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter sentences;
    private final AtomicInteger inFlight = new AtomicInteger();
    private Gauge modelInfo;

    ServerMetrics(ModelSlot slot) {
        sentences = Counter.builder("stance.sentences.scored").description("Sentences scored").register(registry);
        Gauge.builder("stance.requests.in.flight", inFlight, AtomicInteger::get).description("Scoring requests being served").register(registry);
        Gauge.builder("stance.model.loaded", slot, s -> s.get() == null ? 0 : 1).description("1 when a model is loaded").register(registry);
    }

    /** One finished request: counted by route, method and status; its latency in the route's histogram. */
    void request(String route, String method, int status, long nanos) {
        Counter.builder("stance.http.requests").description("HTTP requests").tag("route", route).tag("method", method)
                .tag("status", Integer.toString(status)).register(registry).increment();
        Timer.builder("stance.http.request.duration").description("HTTP request latency").tag("route", route).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60)).register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** The model served now, as an info metric (value 1) labeled with its version and file hash. */
    synchronized void modelChanged(ModelSlot.Served served) {
        if (modelInfo != null) {
            registry.remove(modelInfo); // a reloaded model replaces the old one's labels
        }
        modelInfo = Gauge.builder("stance.model.info", () -> 1).description("The model served: stance version that wrote it, file SHA-256")
                .tag("version", served.manifest().projectVersion()).tag("sha256", served.sha256()).register(registry);
    }

    void scored(int n) {
        sentences.increment(n);
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    String scrape() {
        return registry.scrape();
    }
}
