package org.stance.text;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a raw news page into sentences.
 *
 * <ol>
 *   <li>Lines are classified; page furniture ({@link Boilerplate}) is set aside. Once a line opens
 *       the page tail (related articles, comments), what follows is furniture too unless it ends
 *       like a sentence.</li>
 *   <li>Lines broken mid-sentence (ending with a comma, a colon or a connecting word) are joined to
 *       the next line of text.</li>
 *   <li>Each line is split after . ! ? ؟ followed by a space, never inside a quotation («...»,
 *       “...”, "..."), after an ellipsis, or after a one-letter abbreviation (د. = Dr.).</li>
 *   <li>Fragments of fewer than three words are attached to the neighbouring sentence.</li>
 * </ol>
 * Thread-safe and stateless.
 */
public final class SentenceSegmenter {

    /** Words after which a line cannot end a sentence: conjunctions, prepositions, relatives. */
    private static final Set<String> CONNECTORS = Set.of("و", "في", "من", "الي", "علي", "عن", "ان", "او", "ثم",
            "التي", "الذي", "الذين", "مع", "بين", "بان", "لان", "حول", "حتي", "منذ", "عبر", "ضد", "خلال", "قد", "لم",
            "لن", "بعد", "قبل", "كما", "لكن", "ولكن", "بل");
    private static final int MIN_WORDS = 3;
    private static final int TITLE_MIN_WORDS = 4;
    private static final int MAX_QUOTE_CHARS = 600;
    private static final int LEAD_IN_MAX_WORDS = 6;

    private static final ArabicNormalizer MATCHER = new ArabicNormalizer(NormalizerConfig.defaults());

    /** Segments a page, returning sentences and (marked) boilerplate lines in page order. */
    public List<Segment> segment(String page) {
        List<Piece> pieces = new ArrayList<>();
        boolean inTail = false;
        boolean sawText = false;
        Piece open = null; // a text line still waiting for the end of its sentence
        boolean leadIn = false; // open ends with a lead-in ("و جاء في التقرير") that the next paragraph completes
        Map<String, Boilerplate.Line> classified = new IdentityHashMap<>();
        for (String raw : unwrap(lines(page), classified)) {
            String line = collapse(Boilerplate.stripAdMarkers(raw));
            boolean adOnly = line.isEmpty() && Boilerplate.AD_MARKER.matcher(raw).find();
            Boilerplate.Line known = classified.get(raw);
            // the Line unwrap made for this very line, when cleaning left it as it was: normalised once, not twice
            Boilerplate.Line matched = known != null && known.text().equals(line) ? known : Boilerplate.Line.of(line);
            if (Boilerplate.isTailMarker(matched)) {
                inTail = true;
            }
            Optional<Boilerplate.Reason> reason = adOnly ? Optional.of(Boilerplate.Reason.AD_MARKER) : Boilerplate.classify(matched);
            if (reason.isEmpty() && inTail && !Boilerplate.endsSentence(line)) {
                reason = Optional.of(Boilerplate.Reason.PAGE_TAIL);
            }
            if (reason.isPresent() && reason.get() == Boilerplate.Reason.HEADING && !sawText && !inTail
                    && Boilerplate.wordsUpTo(line, TITLE_MIN_WORDS) >= TITLE_MIN_WORDS) {
                reason = Optional.empty(); // the page title: unpunctuated but article text
            }
            if (reason.isPresent()) {
                if (reason.get() != Boilerplate.Reason.EMPTY) {
                    pieces.add(new Piece(collapse(raw), reason.get()));
                }
                if (!leadIn && (reason.get() == Boilerplate.Reason.EMPTY || open == null)) {
                    open = null; // a blank line ends a paragraph: never join across it
                }
                continue;
            }
            sawText = true;
            if (open != null) {
                open.text.append(' ').append(line); // appended, not concatenated: 100k continued lines stay linear
            } else {
                open = new Piece(line, null);
                pieces.add(open);
            }
            leadIn = endsWithLeadIn(line);
            if (!leadIn && !continuesOnNextLine(line)) {
                open = null;
            }
        }
        List<Segment> out = new ArrayList<>();
        for (Piece p : pieces) {
            if (p.reason != null) {
                out.add(new Segment(out.size() + 1, p.text.toString(), p.reason));
            } else {
                for (String sentence : mergeFragments(splitLine(p.text.toString()))) {
                    out.add(new Segment(out.size() + 1, sentence, null));
                }
            }
        }
        return out;
    }

    /**
     * Joins hard-wrapped paragraphs: a run of consecutive text lines most of which stop without a
     * sentence end is one paragraph broken by the page's line width, not a list of sentences.
     */
    static List<String> unwrap(String[] lines) {
        return unwrap(lines, new IdentityHashMap<>());
    }

    /** {@link #unwrap(String[])}, keeping in {@code classified} the {@link Boilerplate.Line} it made of each line it classified. */
    private static List<String> unwrap(String[] lines, Map<String, Boilerplate.Line> classified) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            int j = i;
            while (j < lines.length && !lines[j].isBlank() && isText(lines[j], classified)) {
                j++;
            }
            if (j - i >= 2 && isWrapped(lines, i, j)) {
                StringBuilder joined = new StringBuilder();
                for (int k = i; k < j; k++) {
                    joined.append(k > i ? " " : "").append(lines[k].strip());
                }
                out.add(joined.toString());
            } else {
                for (int k = i; k < j; k++) {
                    out.add(lines[k]);
                }
            }
            if (j < lines.length) {
                out.add(lines[j]);
            }
            i = j + 1;
        }
        return out;
    }

    private static boolean isText(String line, Map<String, Boilerplate.Line> classified) {
        Boilerplate.Line made = Boilerplate.Line.of(line);
        classified.put(line, made);
        return Boilerplate.classify(made).isEmpty();
    }

    private static boolean isWrapped(String[] lines, int from, int to) {
        int open = 0;
        for (int k = from; k < to - 1; k++) {
            if (!Boilerplate.endsSentence(lines[k])) {
                open++;
            }
        }
        return open * 3 >= (to - 1 - from) * 2;
    }

    /** Only the sentences, without boilerplate. */
    public List<String> sentences(String page) {
        return segment(page).stream().filter(Segment::isSentence).map(Segment::text).toList();
    }

    static boolean continuesOnNextLine(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return false;
        }
        char last = t.charAt(t.length() - 1);
        if (last == '،' || last == ',' || last == ':' || last == '؛' || last == ';') {
            return true;
        }
        if (Boilerplate.endsSentence(t)) {
            return false; // before normalising the whole line for its last word: most lines end a sentence
        }
        String lastToken = Tokenizer.lastToken(MATCHER.normalize(t));
        return lastToken != null && CONNECTORS.contains(lastToken);
    }

    /**
     * True when a paragraph ends with a short unpunctuated piece after a finished sentence: a
     * lead-in such as "و جاء في التقرير" whose sentence goes on after the next heading.
     */
    static boolean endsWithLeadIn(String line) {
        if (Boilerplate.endsSentence(line)) {
            return false; // the last part ends where the line does, so it ends a sentence too: no splitting needed
        }
        List<String> parts = splitLine(line);
        if (parts.size() < 2) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        return !Boilerplate.endsSentence(last) && Boilerplate.wordsUpTo(last, LEAD_IN_MAX_WORDS + 1) <= LEAD_IN_MAX_WORDS;
    }

    /**
     * {@code page.split("\\R")} without the regex (3% of scoring articles): lines end at \r\n or any
     * of \n \u000B \f \r \u0085 \u2028 \u2029, and trailing empty lines are dropped, as split drops them.
     */
    static String[] lines(String page) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int keep = 0; // lines up to the last non-empty one
        for (int i = 0; i < page.length(); i++) {
            char c = page.charAt(i);
            if (c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                out.add(page.substring(start, i));
                if (i > start) {
                    keep = out.size();
                }
                if (c == '\r' && i + 1 < page.length() && page.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(page.substring(start));
        if (page.length() > start) {
            keep = out.size();
        }
        return out.subList(0, page.isEmpty() ? 1 : keep).toArray(new String[0]);
    }

    /** Splits one line of text at sentence ends outside quotations. */
    static List<String> splitLine(String line) {
        boolean[] quoted = quotedSpans(line);
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        char[] chars = line.toCharArray();
        while (i < chars.length) {
            char c = chars[i];
            if (closesQuotedSentence(line, quoted, i)) {
                int end = i + 1;
                if (end == line.length() || Character.isWhitespace(line.charAt(end))) {
                    addIfText(out, line.substring(start, end));
                    start = end;
                }
                i = end;
                continue;
            }
            if (!Boilerplate.isSentenceEnd(c) || quoted[i]) {
                i++;
                continue;
            }
            int end = i;
            if (c == '.' && ((i + 1 < line.length() && line.charAt(i + 1) == '.') || (i > 0 && line.charAt(i - 1) == '.'))) {
                while (end < line.length() && line.charAt(end) == '.') {
                    end++;
                }
                i = end; // an ellipsis does not end a sentence
                continue;
            }
            if (c == '.' && isAbbreviation(line, i)) {
                i++;
                continue;
            }
            end = i + 1;
            while (end < line.length() && (Boilerplate.CLOSERS.indexOf(line.charAt(end)) >= 0 || Boilerplate.isSentenceEnd(line.charAt(end)))) {
                end++;
            }
            if (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                i = end; // "3.5", "U.S." or a mark glued to the next word: not a boundary
                continue;
            }
            addIfText(out, line.substring(start, end));
            start = end;
            i = end;
        }
        addIfText(out, line.substring(start));
        return out;
    }

    /**
     * Marks the characters inside a quotation that closes on the same line. Sites mix their marks
     * («...", "...»), so any closing mark ends a quotation; a quotation longer than
     * {@link #MAX_QUOTE_CHARS} is taken for a stray mark and does not protect its content.
     */
    static boolean[] quotedSpans(String line) {
        boolean[] quoted = new boolean[line.length()];
        char[] chars = line.toCharArray();
        int i = 0;
        while (i < chars.length) {
            char c = chars[i];
            if (c != '«' && c != '“' && c != '"') {
                i++;
                continue;
            }
            int j = i + 1;
            // never further than a quotation can be: unbounded, many stray marks made this quadratic
            while (j < line.length() && j - i <= MAX_QUOTE_CHARS && "»”\"".indexOf(line.charAt(j)) < 0) {
                j++;
            }
            if (j >= line.length() || j - i > MAX_QUOTE_CHARS) {
                i++;
                continue;
            }
            for (int k = i + 1; k < j; k++) {
                quoted[k] = true;
            }
            i = j + 1;
        }
        return quoted;
    }

    /** A closing quotation mark right after a sentence end inside the quotation: “... نستطيع.” */
    private static boolean closesQuotedSentence(String line, boolean[] quoted, int i) {
        return i > 0 && !quoted[i] && quoted[i - 1] && "»”\"".indexOf(line.charAt(i)) >= 0
                && Boilerplate.endsSentence(line, i);
    }

    /** A period after a single letter (د. for Dr., initials) is not a sentence end. */
    private static boolean isAbbreviation(String line, int dot) {
        int k = dot - 1;
        while (k >= 0 && Character.isLetter(line.charAt(k))) {
            k--;
        }
        return dot - k - 1 == 1;
    }

    /** Attaches fragments to the sentence before (the first to the one after), in linear time: each is appended, never re-copied. */
    private static List<String> mergeFragments(List<String> sentences) {
        List<StringBuilder> merged = new ArrayList<>();
        for (String s : sentences) {
            boolean fragment = Boilerplate.wordsUpTo(s, MIN_WORDS) < MIN_WORDS;
            if (fragment && !merged.isEmpty()) {
                merged.get(merged.size() - 1).append(' ').append(s);
            } else {
                merged.add(new StringBuilder(s));
            }
        }
        List<String> out = new ArrayList<>(merged.size());
        for (StringBuilder b : merged) {
            out.add(b.toString());
        }
        if (out.size() > 1 && Boilerplate.wordsUpTo(out.get(0), MIN_WORDS) < MIN_WORDS) {
            out.set(1, out.get(0) + " " + out.get(1));
            out.remove(0);
        }
        return out;
    }

    private static void addIfText(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /**
     * Collapses runs of whitespace (including no-break spaces) into one space, removes the
     * default-ignorable characters ({@link ArabicNormalizer#isDefaultIgnorable}: zero-width
     * spaces and joiners, direction marks, BOM, soft hyphen, ...), then strips the ends. One pass
     * (a regex, run on every line of every article, was a fifth of segmenting); a line with
     * nothing to change is returned stripped, without a copy.
     */
    static String collapse(String s) {
        int i = 0;
        while (i < s.length() && !needsWork(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s.strip();
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
        while (i < s.length()) {
            char c = s.charAt(i);
            int cp = Character.isHighSurrogate(c) && i + 1 < s.length() ? s.codePointAt(i) : c;
            int width = Character.charCount(cp);
            if (isSpace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else if (!ArabicNormalizer.isDefaultIgnorable(cp)) {
                out.append(s, i, i + width);
            }
            i += width;
        }
        return out.toString().strip();
    }

    /** Whether collapsing changes the text at {@code i}: any space but a single plain one, or an ignorable character. */
    private static boolean needsWork(String s, int i) {
        char c = s.charAt(i);
        if (c == ' ') {
            return i + 1 < s.length() && isSpace(s.charAt(i + 1));
        }
        return isSpace(c) || ArabicNormalizer.isDefaultIgnorable(c) || (Character.isHighSurrogate(c) && i + 1 < s.length()
                && ArabicNormalizer.isDefaultIgnorable(s.codePointAt(i)));
    }

    /** The spaces {@link #collapse} folds: regex \\s (space, \\t, \\n, \\x0B, \\f, \\r), and the no-break spaces. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0' || c == '\u202F';
    }

    private static final class Piece {
        final StringBuilder text;
        final Boilerplate.Reason reason;

        Piece(String text, Boilerplate.Reason reason) {
            this.text = new StringBuilder(text);
            this.reason = reason;
        }
    }
}
