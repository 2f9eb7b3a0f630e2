package org.stance.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random short texts over a given alphabet, for tests that compare a fast path with its reference. */
final class RandomTexts {

    private RandomTexts() {
    }

    /** {@code count} texts of 0 to {@code maxLength - 1} characters drawn from {@code alphabet}, the same for the same seed. */
    static List<String> sample(long seed, String alphabet, int maxLength, int count) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(maxLength); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** The text's UTF-16 units as U+XXXX codes: how a failure names a text of invisible or combining characters. */
    static String codes(String s) {
        return s.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
    }
}
