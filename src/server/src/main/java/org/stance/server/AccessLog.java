package org.stance.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON line per request on stderr: when, who, what, how it ended and how long it took. The
 * texts scored are not logged unless asked for (--log-text): news pipelines may score embargoed
 * or personal text.
 */
final class AccessLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    AccessLog(PrintStream out) {
        this.out = out;
    }

    void log(String method, String path, int status, long nanos, String remote, int sentences, long bytesIn, String error, String text) {
        ObjectNode line = JSON.createObjectNode().put("time", Instant.now().toString()).put("remote", remote).put("method", method)
                .put("path", path).put("status", status).put("ms", Math.round(nanos / 1e5) / 10.0).put("bytes_in", bytesIn);
        if (sentences > 0) {
            line.put("sentences", sentences);
        }
        if (error != null) {
            line.put("error", error);
        }
        if (text != null) {
            line.put("text", text);
        }
        synchronized (out) {
            out.println(line);
        }
    }
}
