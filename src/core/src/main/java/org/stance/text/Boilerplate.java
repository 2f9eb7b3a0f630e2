package org.stance.text;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises the page furniture that scraped news pages carry around the article: navigation,
 * share and comment widgets, ad placeholders, bylines, section headings and "related articles"
 * lists. The rules describe kinds of lines (short, unpunctuated, Latin-only, an interaction
 * phrase at the start of a short line), never the exact lines of particular pages.
 */
public final class Boilerplate {

    /** Why a line is not article text. */
    public enum Reason {
        EMPTY, NO_ARABIC, AD_MARKER, INTERACTION, BYLINE, HEADING, PAGE_TAIL
    }

    /** Ad-server placeholders left in scraped text: [ad_1], [ad_2], [ads], ... */
    static final Pattern AD_MARKER = Pattern.compile("\\[\\s*ads?(_\\d+)?\\s*\\]", Pattern.CASE_INSENSITIVE);

    /**
     * Widget text that opens a short line: comment forms, sharing, newsletter, navigation, source
     * footers. Written after normalisation of alef and alef maqsura, so أ/ا and ى/ي both match.
     */
    private static final Pattern INTERACTION = Pattern.compile("^[^\\p{L}\\p{N}]*(?:"
            + "اترك تعليق|اضف تعليق|التعليقات|تعليقات|لن يتم نشر عنوان بريدك|البريد الالكتروني|الحقول الالزاميه|الحقول الالزامية"
            + "|زر الذهاب|الذهاب الي الاعلي|شارك الخبر|شارك المقال|شارك هذا|مشاركة|طباعة|تابعونا|تابعنا|اشترك|النشرة البريدية"
            + "|رابط الخبر|سمات|الوسوم|كلمات مفتاحية|رابط مختصر|المصدر|جميع الحقوق|حقوق النشر|الاكثر قراءة|الاكثر مشاهدة"
            + "|leave a reply|read (?:previous|next|more)|next|previous|share|comments?|print|email|follow us|related"
            + "|copyright|all rights reserved)", Pattern.CASE_INSENSITIVE);

    /** Lines that open the page tail: related articles, see-also lists, previous/next teasers, comments. */
    private static final Pattern TAIL_MARKER = Pattern.compile("^[^\\p{L}\\p{N}]*(?:"
            + "مقالات ذات صلة|اخبار ذات صلة|مواضيع ذات صلة|مقالات اخري للكاتب|اقرا ايضا|اقرا المزيد|شاهد ايضا|اقرا كذلك"
            + "|اترك تعليق|اضف تعليق|لن يتم نشر عنوان بريدك"
            + "|read previous|read next|leave a reply|related (?:posts|articles|news))", Pattern.CASE_INSENSITIVE);

    /** A dateline or byline: "place/ source", "source - place" on a short line. */
    private static final Pattern BYLINE = Pattern.compile("^[^.!?؟]{2,40}\\s*[/|\\-–—]\\s*[^.!?؟]{2,40}$");

    private static final Pattern URL_OR_EMAIL = Pattern.compile("(?:https?://|www\\.)\\S+|\\S+@\\S+\\.\\w+");

    static final int HEADING_MAX_WORDS = 6;
    private static final int BYLINE_MAX_WORDS = 6;
    private static final int INTERACTION_MAX_WORDS = 15;

    private static final ArabicNormalizer MATCHER = new ArabicNormalizer(NormalizerConfig.defaults());

    private Boilerplate() {
    }

    /** Removes ad placeholders from inside a line. */
    public static String stripAdMarkers(String line) {
        return mayHoldAdMarker(line) ? AD_MARKER.matcher(line).replaceAll(" ").strip() : line.strip();
    }

    /** False when {@link #AD_MARKER} cannot match: it needs a '[' (most lines have none, and the regex is a line's dearest step). */
    private static boolean mayHoldAdMarker(String s) {
        return s.indexOf('[') >= 0;
    }

    /** False when {@link #URL_OR_EMAIL} cannot match: it needs "http", "www." or an '@'. */
    private static boolean mayHoldLink(String s) {
        return s.indexOf('@') >= 0 || s.contains("http") || s.contains("www.");
    }

    /** True when the line opens the related-articles / comments part of the page. */
    public static boolean isTailMarker(String line) {
        return isTailMarker(Line.of(line));
    }

    static boolean isTailMarker(Line line) {
        // lookingAt, not find: the pattern is anchored at the start, and find tried it at every position of every line
        return TAIL_MARKER.matcher(line.normalized()).lookingAt();
    }

    /**
     * A stripped line and its normalised form for matching, made once: the segmenter asks both
     * whether a line opens the page's tail and why it is boilerplate.
     */
    record Line(String text, String normalized) {
        static Line of(String line) {
            String s = line.strip();
            return new Line(s, MATCHER.normalize(s));
        }
    }

    /** Why the line is boilerplate, or empty when it is (or may be) article text. */
    public static Optional<Reason> classify(String line) {
        return classify(Line.of(line));
    }

    static Optional<Reason> classify(Line line) {
        String s = line.text();
        if (s.isEmpty()) {
            return Optional.of(Reason.EMPTY);
        }
        if (mayHoldAdMarker(s) && AD_MARKER.matcher(s).replaceAll("").isBlank()) {
            return Optional.of(Reason.AD_MARKER);
        }
        String withoutLinks = mayHoldLink(s) ? URL_OR_EMAIL.matcher(s).replaceAll(" ") : s;
        if (!ArabicNormalizer.hasArabicLetter(withoutLinks)) {
            return Optional.of(Reason.NO_ARABIC);
        }
        String norm = line.normalized();
        int words = wordsUpTo(norm, INTERACTION_MAX_WORDS + 1); // the largest bound compared below, plus one
        boolean punctuated = endsSentence(norm);
        // A short punctuated line can still be a widget ("لن يتم نشر عنوان بريدك الإلكتروني.").
        if (words <= INTERACTION_MAX_WORDS && (!punctuated || words <= 8) && INTERACTION.matcher(norm).lookingAt()) {
            return Optional.of(Reason.INTERACTION);
        }
        if (!punctuated && words <= BYLINE_MAX_WORDS && BYLINE.matcher(norm).matches()) {
            return Optional.of(Reason.BYLINE);
        }
        if (!punctuated && words <= HEADING_MAX_WORDS) {
            return Optional.of(Reason.HEADING);
        }
        return Optional.empty();
    }

    /** The words of {@code s}, counted up to {@code cap} (every caller compares the count with a small bound). */
    static int wordsUpTo(String s, int cap) {
        return Tokenizer.countUpTo(s, cap);
    }

    /** True when the line ends with a sentence-final mark (optionally followed by closing quotes or brackets). */
    static boolean endsSentence(String s) {
        return endsSentence(s, s.length());
    }

    /** {@link #endsSentence(String)} of {@code s[0, end)}, read backwards from {@code end} without copying the prefix. */
    static boolean endsSentence(CharSequence t, int end) {
        int i = end - 1;
        while (i >= 0 && Character.isWhitespace(t.charAt(i))) {
            i--;
        }
        while (i >= 0 && CLOSERS.indexOf(t.charAt(i)) >= 0) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = t.charAt(i);
        boolean ellipsis = c == '…' || (c == '.' && i > 0 && t.charAt(i - 1) == '.');
        return !ellipsis && isSentenceEnd(c);
    }

    static final String SENTENCE_END = ".!?؟!";

    /** {@code SENTENCE_END.indexOf(c) >= 0} by comparisons: String.indexOf per character was a tenth of segmenting under C1. */
    static boolean isSentenceEnd(char c) {
        return c < 0x80 ? c == '.' || c == '!' || c == '?' : c == '\u061F';
    }
    static final String CLOSERS = "\"'”’»)]}";
    static final List<String> OPENERS = List.of("\"", "“", "«", "(");
}
