package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Keys the API and the dashboard used to spell by hand, now spelled here once. */
class LayoutTest {

    @Test
    void adReportKey_isUnderAdReports_withTheCampaignIdKeySafe() {
        String key = Layout.adReportKey(LocalDate.of(2024, 7, 1), "spring sale/2");

        assertThat(key).isEqualTo("reports/ads/2024-07-01/spring%20sale%2F2.json").startsWith(Layout.AD_REPORTS);
    }

    @Test
    void postedAdResultsKey_isARawAdsUpload_namedByCampaignAndContent() {
        String key = Layout.postedAdResultsKey("summer-26", "0123456789abcdef");

        assertThat(key).isEqualTo("raw/ads/api-summer-26-0123456789abcdef.csv");
        assertThat(Layout.kindFromRawKey(key)).contains("ads");
    }
}
