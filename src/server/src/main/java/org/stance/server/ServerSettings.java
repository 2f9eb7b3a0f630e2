package org.stance.server;

import java.time.Duration;

/**
 * How the server runs, with its defaults defined here once.
 *
 * @param maxBodyBytes    a larger request body is refused with 413
 * @param maxItems        sentences or articles per request; more is refused with 413
 * @param maxConcurrent   scoring requests served at once; one more is refused with 503 and Retry-After, not queued
 * @param requestTimeout  a scoring request still running after this is answered 503
 * @param shutdownGrace   on SIGTERM, how long in-flight requests may take to finish
 * @param logText         whether the access log carries the texts scored (never by default)
 */
record ServerSettings(long maxBodyBytes, int maxItems, int maxConcurrent, Duration requestTimeout, Duration shutdownGrace, boolean logText) {

    static final long DEFAULT_MAX_BODY_BYTES = 2L << 20;
    static final int DEFAULT_MAX_ITEMS = 1000;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    static int defaultMaxConcurrent() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    ServerSettings {
        if (maxBodyBytes < 1024 || maxItems < 1 || maxConcurrent < 1 || requestTimeout.isNegative() || requestTimeout.isZero()
                || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("server settings out of range");
        }
    }
}
