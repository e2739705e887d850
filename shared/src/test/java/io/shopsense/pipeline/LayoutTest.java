package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.RowKind;
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

    @Test
    void erasureKeys_keyedAndLegacy_andTheirInverse() {
        String keyed = Layout.keyedErasureKey("ab12");
        String legacy = Layout.legacyErasureKey("cd34");

        assertThat(keyed).isEqualTo("manifests/erasures/k1-ab12.json").startsWith(Layout.KEYED_ERASURES);
        assertThat(legacy).isEqualTo("manifests/erasures/cd34.json");
        assertThat(Layout.erasureHashOf(keyed)).contains("k1-ab12");
        assertThat(Layout.erasureHashOf(legacy)).contains("cd34");
        assertThat(Layout.erasureHashOf("manifests/erasures/nested/x.json")).isEmpty();
        assertThat(Layout.erasureHashOf("manifests/erasures/notes.txt")).isEmpty();
        assertThat(Layout.erasureHashOf("manifests/abc.json")).isEmpty();
    }

    @Test
    void assistantKeys_faqPublishedUnderClean_unansweredByDayQuestionAndRequest() {
        assertThat(Layout.publishedFaqKey("raw/faq/faq.md")).isEqualTo("clean/faq/faq.md");
        assertThat(Layout.unansweredKey(LocalDate.of(2026, 12, 3), "q1", "r1"))
                .isEqualTo("reports/assistant/unanswered/2026-12-03/q1/r1.json");
        assertThat(Layout.ASSISTANT_INDEX_KEY).isEqualTo("models/assistant/index.json.gz");
    }

    @Test
    void profileModelKey_oneFitPerDay_besideTheLatest() {
        assertThat(Layout.profileModelKey(LocalDate.of(2011, 12, 9))).isEqualTo("models/profiles/2011-12-09.json");
        assertThat(Layout.PROFILE_MODELS_KEY).isEqualTo("models/profiles/latest.json");
    }

    @Test
    void rawFolders_eachImplyTheirCleanKind() {
        assertThat(Layout.kindFromRawKey(Layout.RAW_ORDERS + "a.csv")).contains("events");
        assertThat(Layout.kindFromRawKey(Layout.RAW_EVENTS + "a.csv")).contains("events");
        assertThat(Layout.kindFromRawKey(Layout.RAW_CATALOG + "a.csv")).contains("catalog");
        assertThat(Layout.kindFromRawKey(Layout.RAW_REVIEWS + "a.csv")).contains("reviews");
        assertThat(Layout.kindFromRawKey(Layout.RAW_FAQ + "a.md")).contains("faq");
        assertThat(Layout.AD_CONSTRAINTS_KEY).isEqualTo("raw/ads/constraints.json");
    }

    @Test
    void rawFolders_tellTheCleanerWhichRowsToExpect_andNothingElseDoes() {
        assertThat(Layout.rowKindFromRawKey("raw/orders/a.csv")).contains(RowKind.EVENTS);
        assertThat(Layout.rowKindFromRawKey("raw/events/a.jsonl")).contains(RowKind.EVENTS);
        assertThat(Layout.rowKindFromRawKey("raw/catalog/a.csv")).contains(RowKind.CATALOG);
        assertThat(Layout.rowKindFromRawKey("raw/ads/a.csv")).contains(RowKind.ADS);
        assertThat(Layout.rowKindFromRawKey("raw/reviews/a.csv")).contains(RowKind.REVIEWS);
        assertThat(Layout.rowKindFromRawKey("raw/faq/faq.md")).isEmpty();
        assertThat(Layout.rowKindFromRawKey("exports/raw/catalog/a.csv")).isEmpty();
        assertThat(Layout.rowKindFromRawKey("catalog.csv")).isEmpty(); // a local file's name
    }
}
