package io.shopsense.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SegmentCursorsTest {
    private static final ShopSecret SECRET = ShopSecret.of("0123456789abcdef0123456789abcdef".getBytes());
    private final SegmentCursors cursors = new SegmentCursors(SECRET);

    @Test
    void open_givesBackThePositionSigned_forTheSameSegmentOnly() {
        String cursor = cursors.sign("Champions", "12347\nChampions\n512.5");

        assertThat(cursors.open("Champions", cursor)).contains("12347\nChampions\n512.5");
        assertThat(cursors.open("At Risk", cursor)).isEmpty();
    }

    @Test
    void open_refusesAnUnsignedPosition_aTamperedOne_andAnotherSecretsCursor() {
        String cursor = cursors.sign("Champions", "12347\nChampions\n512.5");
        String forgedPosition = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("12347\nChampions\nNaN".getBytes(StandardCharsets.UTF_8));
        String otherShops = new SegmentCursors(ShopSecret.of("another secret of thirty-two bytes".getBytes()))
                .sign("Champions", "12347\nChampions\n512.5");

        assertThat(cursors.open("Champions", forgedPosition)).isEmpty();
        assertThat(cursors.open("Champions", forgedPosition + cursor.substring(cursor.indexOf('.')))).isEmpty();
        assertThat(cursors.open("Champions", otherShops)).isEmpty();
        assertThat(cursors.open("Champions", "%ZZ")).isEmpty();
        assertThat(cursors.open("Champions", cursor + "x".repeat(SegmentCursors.MAX_CHARS))).isEmpty();
    }

    @Test
    void subKeys_differByPurpose_soACursorTagIsNoErasureRecord() {
        assertThat(SECRET.hex(ShopSecret.Purpose.SEGMENT_CURSOR, "12347"))
                .isNotEqualTo(SECRET.hex(ShopSecret.Purpose.ERASURE_RECORD, "12347"));
    }

    @Test
    void secret_refusesFewerThan32Bytes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShopSecret.of(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
