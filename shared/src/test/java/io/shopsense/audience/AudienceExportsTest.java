package io.shopsense.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceExportsTest {
    private static final String H1 = "a".repeat(64);
    private static final String H2 = "b".repeat(64);
    private static final Audience AUDIENCE = new Audience("x", Audience.SHOP, "test", List.of(
            new Audience.Member("e_" + H1, "Loyal", 9, H1),
            new Audience.Member("17850", "Loyal", 8, null),
            new Audience.Member("e_" + H2, null, 7, H2),
            new Audience.Member("a,\"b\"", "Lost", 1, null)));

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void meta_isOneEmailColumnOfHashes_customersWithoutEmailLeftOut() {
        assertThat(text(AudienceExports.meta(AUDIENCE))).isEqualTo("email\n" + H1 + "\n" + H2 + "\n");
    }

    @Test
    void google_isCustomerMatchsEmailColumn() {
        assertThat(text(AudienceExports.google(AUDIENCE))).isEqualTo("Email\n" + H1 + "\n" + H2 + "\n");
    }

    @Test
    void ids_listsEveryMember_quotedWhereCsvNeedsIt() {
        assertThat(text(AudienceExports.ids(AUDIENCE)))
                .isEqualTo("customer_id\ne_" + H1 + "\n17850\ne_" + H2 + "\n\"a,\"\"b\"\"\"\n");
    }

    @Test
    void emptyAudience_isTheHeaderAlone() {
        Audience empty = new Audience("e", Audience.BUILT_IN, "none", List.of());

        assertThat(text(AudienceExports.meta(empty))).isEqualTo("email\n");
        assertThat(text(AudienceExports.ids(empty))).isEqualTo("customer_id\n");
    }
}
