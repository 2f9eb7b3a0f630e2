package org.stance.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stance.UserError;

class TsvCursorTest {

    private static TsvCursor cursor(String text, int fields) {
        return new TsvCursor(text.getBytes(StandardCharsets.UTF_8), "m.zip", "e.tsv", fields);
    }

    /** Every number as the JDK parses it, bit for bit: the fast path may never change a model's weights. */
    @Test
    void numbersAreReadExactlyAsTheJdkReadsThem() {
        Random random = new Random(7);
        List<String> numbers = new ArrayList<>(List.of("0", "-0", "0.0", "1", "42", "5.", ".5", "-0.25", "1.0E-5", "3.4028235E38", "1.4E-45",
                "1.17549435E-38", "123456789012345678", "0.30000000000000004", "9007199254740993", "2.5000001", "16777217", "1e3", "NaN"));
        for (int i = 0; i < 200_000; i++) {
            switch (i % 4) {
                case 0 -> numbers.add(Float.toString(Float.intBitsToFloat(random.nextInt())));
                case 1 -> numbers.add(Float.toString((float) (random.nextDouble() * Math.pow(10, random.nextInt(12) - 4))));
                case 2 -> numbers.add(Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15)));
                default -> numbers.add(random.nextInt(100_000_000) + "." + random.nextInt(1_000_000_000)); // up to 17 digits
            }
        }
        StringBuilder text = new StringBuilder();
        for (String n : numbers) {
            text.append(n).append('\t').append(n).append('\n');
        }
        TsvCursor tsv = cursor(text.toString(), 2);
        for (String n : numbers) {
            assertTrue(tsv.nextLine());
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(n)), Double.doubleToRawLongBits(tsv.decimal()), n);
            assertEquals(Float.floatToRawIntBits(Float.parseFloat(n)), Float.floatToRawIntBits(tsv.float32()), n);
        }
        assertFalse(tsv.nextLine());
    }

    @Test
    void fieldsTextAndHex() {
        TsvCursor tsv = cursor("الانسحاب\t12\tff00aa\nقوات\t3\tFFFFFFFFFFFFFFFF", 3);
        assertTrue(tsv.nextLine());
        assertEquals("الانسحاب", tsv.text());
        assertEquals(12.0, tsv.decimal());
        assertEquals(0xff00aaL, tsv.hex());
        assertTrue(tsv.nextLine());
        assertEquals("قوات", tsv.text());
        assertEquals(3.0, tsv.decimal());
        assertEquals(-1L, tsv.hex());
        assertFalse(tsv.nextLine());
        assertEquals(2, tsv.line());
    }

    @Test
    void errorsNameTheEntryAndLine() {
        TsvCursor fields = cursor("a\t1\nb\n", 2);
        fields.nextLine();
        UserError e = assertThrows(UserError.class, fields::nextLine);
        assertEquals("m.zip: e.tsv line 2: expected 2 tab-separated fields, found 1", e.getMessage());

        TsvCursor number = cursor("a\tx1\n", 2);
        number.nextLine();
        number.text();
        assertEquals("m.zip: e.tsv line 1: 'x1' is not a number", assertThrows(UserError.class, number::decimal).getMessage());

        TsvCursor hex = cursor("zz\n", 1);
        hex.nextLine();
        assertEquals("m.zip: e.tsv line 1: 'zz' is not a hexadecimal number", assertThrows(UserError.class, hex::hex).getMessage());
        TsvCursor empty = cursor("\t\n", 2);
        empty.nextLine();
        assertEquals("m.zip: e.tsv line 1: '' is not a number", assertThrows(UserError.class, empty::decimal).getMessage());
    }
}
