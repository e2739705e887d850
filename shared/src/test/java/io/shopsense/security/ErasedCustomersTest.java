package io.shopsense.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Sha256;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErasedCustomersTest {
    private static final ShopSecret SECRET = ShopSecret.of("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void contains_matchesKeyedRecords_andUnkeyedOnesFromBefore() {
        ErasedCustomers erased = new ErasedCustomers(SECRET,
                Set.of(ErasedCustomers.keyedHash(SECRET, "12347")), Set.of(Sha256.hex("old-customer")));

        assertThat(erased.contains("12347")).isTrue();
        assertThat(erased.contains("old-customer")).isTrue();
        assertThat(erased.isLegacy("old-customer")).isTrue();
        assertThat(erased.contains("12348")).isFalse();
        assertThat(erased.contains(null)).isFalse();
    }

    @Test
    void keyedHash_cannotBeFoundByHashingEveryFiveDigitId() {
        String record = ErasedCustomers.keyedHash(SECRET, "12347");

        boolean reversed = false;
        for (int id = 10000; id <= 99999 && !reversed; id++) {
            reversed = Sha256.hex(Integer.toString(id)).equals(record);
        }
        assertThat(reversed).isFalse();
    }

    @Test
    void mentionedIn_findsIdsThatHoldSpacesOrColons_butNotTheirWordsAlone() {
        ErasedCustomers erased = new ErasedCustomers(SECRET, Set.of(ErasedCustomers.keyedHash(SECRET, "ann lee"),
                ErasedCustomers.keyedHash(SECRET, "shop:42")), Set.of());

        assertThat(erased.mentionedIn("2024-01-02,ann lee,85123A,BAD_DATE")).isTrue();
        assertThat(erased.mentionedIn("{\"customer\":\"shop:42\",\"sku\":\"x\"}")).isTrue();
        assertThat(erased.mentionedIn("order 7 for ann lee.")).isTrue();
        assertThat(erased.mentionedIn("2024-01-02,ann,lee,85123A")).isFalse();
        assertThat(erased.mentionedIn("2024-01-02,shop:420,85123A")).isFalse();
    }

    @Test
    void mentionedIn_findsTheIdInACsvLine_asADecimal_andAsAnEmailAddress() {
        String email = "Jane.Doe@example.com";
        ErasedCustomers erased = new ErasedCustomers(SECRET, Set.of(ErasedCustomers.keyedHash(SECRET, "12347"),
                ErasedCustomers.keyedHash(SECRET, EmailAddresses.pseudonym(email))), Set.of());

        assertThat(erased.mentionedIn("536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,12347.0,UK")).isTrue();
        assertThat(erased.mentionedIn("{\"customer_id\":\"12347\",\"sku\":\"x\"}")).isTrue();
        assertThat(erased.mentionedIn("#1001,jane.doe@example.com ,paid")).isTrue();
        assertThat(erased.mentionedIn("where is the order of " + EmailAddresses.pseudonym(email) + "?")).isTrue();
        assertThat(erased.mentionedIn("536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,123470,UK")).isFalse();
    }
}
