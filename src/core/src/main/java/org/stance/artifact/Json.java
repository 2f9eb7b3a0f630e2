package org.stance.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * The JSON mapper of the file formats and of the figures printed as JSON. Plain data binding to
 * records only: no default typing, so no JSON document can name a class to instantiate.
 */
public final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a key given twice is refused, not overwritten

    private Json() {
    }

    /** A record as indented JSON, with {@code first}'s fields before its own (e.g. a file's hash before its manifest). */
    public static String write(java.util.Map<String, ?> first, Object value) {
        com.fasterxml.jackson.databind.node.ObjectNode node = MAPPER.createObjectNode();
        first.forEach((k, v) -> node.set(k, MAPPER.valueToTree(v)));
        node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.valueToTree(value));
        return write(node);
    }

    /** Any record (a manifest, figures) as indented JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
