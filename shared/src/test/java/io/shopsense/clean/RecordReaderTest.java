package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Records read in place from the buffer are the records the general reader makes: the same text read one character
 * per call (so no record ever lies whole in the buffer) must give the same fields, raw text and flags.
 */
class RecordReaderTest {
    private static final String[] PIECES = {"536365", "85123A", "WHITE HANGING HEART", "", " ", "6", "2.55", ",", ",",
        ",", ";", "\"", "\"a,b\"", "\"say \"\"hi\"\"\"", "7\" SINGLE", "\n", "\r\n", "\r", "\n\n", "\uFFFD", "é陶",
        "\t", "x".repeat(70)};

    @Test
    void next_inPlaceAndGeneralReadersAgree() throws IOException {
        Random random = new Random(3);
        for (int round = 0; round < 400; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(200);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            boolean quoting = random.nextInt(4) != 0;
            char delimiter = random.nextInt(5) == 0 ? ';' : ',';
            int maxRecord = random.nextBoolean() ? 1 << 20 : 1 + random.nextInt(120);
            String input = text.toString();

            List<String> whole = read(new StringReader(input), delimiter, quoting, maxRecord);
            List<String> byChar = read(new OneCharReader(input), delimiter, quoting, maxRecord);

            assertThat(whole).as("input %s", input).isEqualTo(byChar);
        }
    }

    @Test
    void next_readsOnlineRetailLinesInPlace() throws IOException {
        String csv = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,UK\r\n"
                + "536366,22633,\"HAND WARMER, UNION JACK\",6,2010-12-01 08:28:00,1.85,17850.0,UK\r\n";
        RecordReader rec = new RecordReader(new StringReader(csv), ',', true, 1 << 20);

        assertThat(rec.next()).isTrue();
        assertThat(rec.size()).isEqualTo(8);
        assertThat(rec.field(2)).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
        assertThat(new String(rec.chars(), rec.start(4), rec.end(4) - rec.start(4))).isEqualTo("2010-12-01 08:26:00");
        assertThat(rec.raw()).startsWith("536365,").endsWith(",UK");
        assertThat(rec.next()).isTrue();
        assertThat(rec.field(2)).isEqualTo("HAND WARMER, UNION JACK");
        assertThat(rec.recordNumber()).isEqualTo(2);
        assertThat(rec.next()).isFalse();
    }

    /** Every observable of every record, as one string per record. */
    private static List<String> read(Reader in, char delimiter, boolean quoting, int maxRecord) throws IOException {
        RecordReader rec = new RecordReader(in, delimiter, quoting, maxRecord);
        List<String> out = new ArrayList<>();
        while (rec.next()) {
            StringBuilder b = new StringBuilder();
            b.append(rec.recordNumber()).append('|').append(rec.size()).append('|').append(rec.oversized())
                    .append(rec.unterminatedQuote()).append(rec.hasReplacement()).append(rec.isBlankRecord())
                    .append('|').append(rec.longestField()).append('|').append(rec.raw());
            for (int i = 0; i < rec.size(); i++) {
                b.append("|[").append(rec.field(i)).append(']').append(rec.isBlank(i));
                b.append(new String(rec.chars(), rec.start(i), rec.end(i) - rec.start(i)));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** A reader that hands out one character per call. */
    private static final class OneCharReader extends Reader {
        private final String text;
        private int at;

        OneCharReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at >= text.length()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            cbuf[off] = text.charAt(at++);
            return 1;
        }

        @Override
        public void close() {
        }
    }
}
