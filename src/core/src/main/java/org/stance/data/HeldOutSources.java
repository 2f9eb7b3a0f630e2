package org.stance.data;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.stance.io.TextFiles;

/**
 * Pages kept for evaluation (a list such as {@code HELD-OUT-PERIOD.tsv}): every field of the file
 * that is an http(s) URL. URLs are compared decoded, without scheme, "www." and trailing slash, so
 * that the percent-encoded and the plain spelling of one Arabic address are the same page.
 */
public record HeldOutSources(Path file, Set<String> keys) {

    public HeldOutSources {
        keys = Set.copyOf(keys);
    }

    public static HeldOutSources read(Path file) {
        String content = TextFiles.decode(TextFiles.readBytes(file), file.toString());
        Set<String> keys = new HashSet<>();
        for (String line : content.split("\n")) {
            for (String field : line.split("[\t,]")) {
                String f = field.strip();
                if (f.startsWith("http://") || f.startsWith("https://")) {
                    keys.add(key(f));
                }
            }
        }
        return new HeldOutSources(file, keys);
    }

    public boolean contains(String url) {
        return !url.isEmpty() && keys.contains(key(url));
    }

    /** The comparison form of a URL. */
    static String key(String url) {
        String u = url.strip();
        try {
            u = URLDecoder.decode(u.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // not percent-encoded consistently: compare as written
        }
        u = u.replaceFirst("^(?i)https?://", "").replaceFirst("^(?i)www\\.", "");
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        int slash = u.indexOf('/');
        return slash < 0 ? u.toLowerCase(Locale.ROOT) : u.substring(0, slash).toLowerCase(Locale.ROOT) + u.substring(slash);
    }
}
