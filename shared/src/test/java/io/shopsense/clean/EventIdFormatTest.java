package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Downstream dedup parses the first 16 hex digits of {@code eventId}: always 16, lower case, zero-padded. */
class EventIdFormatTest {

    @Test
    void hex16_writesSixteenLowerCaseDigits() {
        Random random = new Random(7);
        long[] ids = new long[1000];
        ids[1] = 0xfL;
        ids[2] = -1L;
        ids[3] = Long.MIN_VALUE;
        for (int i = 4; i < ids.length; i++) {
            ids[i] = random.nextLong() >>> random.nextInt(64);
        }
        for (long id : ids) {
            StringBuilder b = new StringBuilder();
            CanonicalJson.hex16(b, id);
            assertThat(b.toString()).hasSize(16).isEqualTo(String.format("%016x", id));
            assertThat(Long.parseUnsignedLong(b.toString(), 16)).isEqualTo(id);
        }
    }
}
