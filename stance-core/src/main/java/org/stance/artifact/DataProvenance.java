package org.stance.artifact;

import java.util.Map;

/** Which file a model was trained or tuned on, identified by content hash, and what it held. */
public record DataProvenance(String role, String file, String sha256, int sentences, int articles,
                             Map<String, Map<String, Integer>> labelCounts) {
}
