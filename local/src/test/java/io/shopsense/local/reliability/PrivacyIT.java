package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A day with a Shopify export full of emails: no object, item or log line keeps a raw email address. */
@Tag("reliability")
class PrivacyIT {
    @Test
    void noCleanRowReportItemOrLogLine_holdsARawEmailAddress() throws Exception {
        assertThat(Suites.fromSystem().privacy().problems()).isEmpty();
    }
}
