package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A day with a Shopify export full of emails and two erasures: no object, item or log line keeps a raw email
 * address, and after the erasures no table item and no object outside the shop's own {@code raw/} uploads names
 * either erased customer.
 */
@Tag("reliability")
class PrivacyIT {
    @Test
    void noObjectItemOrLogLine_holdsARawEmailAddress_andNothingNamesAnErasedCustomer() throws Exception {
        assertThat(Suites.fromSystem().privacy().problems()).isEmpty();
    }
}
