package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The char-slice parsers on the hot path answer exactly what their String forms answer. */
class CharSliceParsingTest {
    private static final String[] CELLS = {"", " ", "\t", "6", "-6", "+6", "6.0", "6.00", "6.5", " 12 ", "\u20036\u2003",
        "\u00a06", "2.55", "-2.55", "+2.55", "0", "-0", "-0.0", "0.0", ".5", "5.", ".", "-", "+", "--1", "1e3", "-1E-2",
        "1.2.3", "12a", "a12", "0.001", "14.665", "1234567.89", "99999999.99", "9007199254740993",
        "900719925474099.3", "123456789012345678", "1234567890123456789", "0.1234567890123456789012",
        "0.12345678901234567890123", "00000000000000000001", "17850.0", "17850.00", "17850.", "17850.01", "A.0",
        "85123A", "85123A.0", " POST ", ".0", "1.0.0", "Infinity", "NaN", "0x10", "1_000", "٣"};

    @Test
    void parseCount_ofSlice_readsWholeNumbersOnly() {
        long bad = CleanRun.BAD_LONG;
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("6", 6L);
        expected.put("-6", -6L);
        expected.put("+6", 6L);
        expected.put("6.0", 6L);
        expected.put("6.00", 6L);
        expected.put(" 12 ", 12L);
        expected.put("\u20036\u2003", 6L); // em spaces are whitespace to String.strip
        expected.put("17850.0", 17850L);
        expected.put("5.", 5L);
        expected.put("-0.0", 0L);
        expected.put("123456789012345678", 123456789012345678L);
        for (String notWhole : List.of("", " ", "\t", "6.5", "\u00a06", ".5", "-", "+", "--1", "1e3", "1.2.3", "12a",
                "a12", "17850.01", "85123A", "A.0", "1234567890123456789", "Infinity", "NaN", "0x10", "1_000",
                "\u0663")) {
            expected.put(notWhole, bad);
        }
        expected.forEach((s, value) -> {
            assertThat(CleanRun.parseCount(padded(s), 3, 3 + s.length())).as("'%s'", s).isEqualTo(value);
            assertThat(CleanRun.parseCount(s)).as("'%s'", s).isEqualTo(value);
        });
    }

    @Test
    void parseAmount_ofSlice_matchesTheStringForm() {
        for (String s : cells()) {
            double fromSlice = CleanRun.parseAmount(padded(s), 3, 3 + s.length());
            assertThat(Double.doubleToRawLongBits(fromSlice)).as("'%s'", s)
                    .isEqualTo(Double.doubleToRawLongBits(CleanRun.parseAmount(s)));
        }
    }

    @Test
    void strippedIdEnd_matchesNormaliseId() {
        for (String s : cells()) {
            char[] a = padded(s);
            int from = CleanRun.stripStart(a, 3, 3 + s.length());
            int to = CleanRun.stripEnd(a, from, 3 + s.length());
            String id = from == to ? null : new String(a, from, CleanRun.idEnd(a, from, to) - from);
            assertThat(id).as("'%s'", s).isEqualTo(CleanRun.normaliseId(s));
        }
    }

    @Test
    void repeatedText_reusesTheStringOnlyForEqualCharacters() {
        RepeatedText texts = new RepeatedText();
        char[] a = "536365,536365,53636,536366".toCharArray();

        String first = texts.of(a, 0, 6);
        String again = texts.of(a, 7, 13);
        String shorter = texts.of(a, 14, 19);
        String other = texts.of(a, 20, 26);

        assertThat(first).isEqualTo("536365").isSameAs(again);
        assertThat(shorter).isEqualTo("53636");
        assertThat(other).isEqualTo("536366");
    }

    /** The fixed cells plus random prices and counts as exports write them. */
    private static String[] cells() {
        Random random = new Random(42);
        String[] all = new String[CELLS.length + 3000];
        System.arraycopy(CELLS, 0, all, 0, CELLS.length);
        for (int i = CELLS.length; i < all.length; i++) {
            int scale = random.nextInt(6);
            long digits = random.nextInt(3) == 0 ? random.nextLong() >>> random.nextInt(64) : random.nextInt(100_000);
            String plain = java.math.BigDecimal.valueOf(digits, scale).toPlainString();
            all[i] = random.nextBoolean() ? plain : "-" + plain;
        }
        return all;
    }

    /** The cell inside a record, with neighbours that must not be read. */
    private static char[] padded(String s) {
        return ("9,-" + s + ",9.").toCharArray();
    }
}
