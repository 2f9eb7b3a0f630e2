package org.stance.cli;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths of the machine that made an artifact, as a reader should see them: relative to the current
 * folder when inside it, otherwise only their last two components ("…/corpus/file.tsv"), so that
 * printing a model does not show another machine's folders.
 */
final class Redact {

    private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.])/[^\\s,;()\\[\\]{}]+");

    private Redact() {
    }

    static String paths(String text) {
        if (text == null) {
            return null;
        }
        Path here = Path.of("").toAbsolutePath();
        Matcher m = ABSOLUTE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Path p = Path.of(m.group()).normalize();
            String shown = p.startsWith(here) ? here.relativize(p).toString()
                    : p.getNameCount() <= 2 ? p.toString() : "…/" + p.subpath(p.getNameCount() - 2, p.getNameCount());
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }
}
