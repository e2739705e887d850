package io.shopsense.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "17850",                                  // Online Retail customer
        "85123A",                                 // Online Retail SKU
        "BANK CHARGES",                           // Online Retail non-product code: one space between words
        "e_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",     // Shopify e-mail pseudonym
        "SKU-12_b.3",                             // item ids with - _ .
        "ann.lee@shop:7",
        "王小明",                                  // a Chinese shop's customer
        "陶瓷杯子-2",
        "Café",                                   // NFC é
        "मोहन",                                   // Devanagari: vowel signs are combining marks
        "𠀀1"                                     // a supplementary-plane CJK character
    })
    void isValid_idsShopsReallyUse(String id) {
        assertThat(Ids.problem(id)).isNull();
        assertThat(Ids.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "a\rb", "a\nb", "a\tb", " a", "a ", "a  b", "a/b", "a#b", "a?b", "a%2Fb", "a,b", "a\"b", "a'b", "a<b",
        ".", "..", ".hidden", "_a", ":a",
        "=cmd", "+1-555", "-5", "@SUM(A1)",       // formula-looking
        "u\u200b1", "u\u202e1", "u\u0000", "Cafe\u0301", "\u0301a", "a\u00a0b", "ａ/ｂ"
    })
    void problem_refusesWhatIsUnsafeInAUrlKeyOrCsv(String id) {
        assertThat(Ids.problem(id)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void length_isBoundedIn_characters_not_bytes() {
        assertThat(Ids.isValid("x".repeat(Ids.MAX_LENGTH))).isTrue();
        assertThat(Ids.isValid("杯".repeat(Ids.MAX_LENGTH))).isTrue();
        assertThat(Ids.problem("x".repeat(Ids.MAX_LENGTH + 1))).contains("longer than 128");
        assertThat(Ids.problem("u".repeat(300))).contains("longer than 128");
    }

    @org.junit.jupiter.api.Test
    void problem_nullId_isEmpty() {
        assertThat(Ids.problem(null)).isEqualTo("is empty");
    }
}
