package org.stance.spark;

import java.io.Serializable;

/**
 * One output line: a score record (the CLI's JSON-lines format) or, under {@code --on-error skip},
 * an error record naming the article and why it was not scored. A Java bean for Spark's encoder.
 */
public final class ScoredLine implements Serializable {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private boolean error;
    private String json;

    public ScoredLine() {
    }

    static ScoredLine record(String json) {
        ScoredLine l = new ScoredLine();
        l.json = json;
        return l;
    }

    static ScoredLine error(String id, String source, String reason) {
        ScoredLine l = new ScoredLine();
        l.error = true;
        com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
        node.put("id", id).put("source", source).put("reason", reason);
        l.json = node.toString();
        return l;
    }

    public boolean isError() {
        return error;
    }

    public void setError(boolean error) {
        this.error = error;
    }

    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json;
    }
}
