package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AdResultRulesTest {
    private static final Instant RECEIVED = Instant.parse("2024-06-01T12:00:00Z");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate DAY = LocalDate.of(2024, 5, 31);

    private static AdResultRules.Problem check(LocalDate date, long hour, String channel, String campaign, long imp,
                                               long clk, long conv, double spend, double revenue) {
        return AdResultRules.check(date, hour, channel, campaign, imp, clk, conv, spend, revenue, RECEIVED, LONDON);
    }

    @Test
    void check_plainRow_isAccepted() {
        assertThat(check(DAY, 9, "Email", "spring-sale", 1000, 40, 3, 12.5, 90)).isNull();
        assertThat(check(DAY, 0, "search", null, 0, 0, 0, 0, 0)).isNull();
    }

    @Test
    void check_namesReasonAndField() {
        assertThat(check(DAY, 9, "", "c", 1, 0, 0, 0, 0))
                .isEqualTo(new AdResultRules.Problem(RejectReason.MISSING_FIELD, "channel", "is required"));
        assertThat(check(DAY, 9, "=HYPERLINK(1)", "c", 1, 0, 0, 0, 0).reason())
                .isEqualTo(RejectReason.FORMULA_INJECTION);
        assertThat(check(DAY, 9, "e", "-c", 1, 0, 0, 0, 0).field()).isEqualTo("campaign");
        assertThat(check(DAY, 9, "a/b", "c", 1, 0, 0, 0, 0).reason()).isEqualTo(RejectReason.BAD_ID);
        assertThat(check(DAY, 24, "e", "c", 1, 0, 0, 0, 0).field()).isEqualTo("hour");
        assertThat(check(DAY, 9, "e", "c", -1, 0, 0, 0, 0).field()).isEqualTo("impressions");
        assertThat(check(DAY, 9, "e", "c", AdResultRules.MAX_COUNT + 1, 0, 0, 0, 0).reason())
                .isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(check(DAY, 9, "e", "c", 1, 0, 0, Double.NaN, 0).field()).isEqualTo("spend");
        assertThat(check(DAY, 9, "e", "c", 1, 0, 0, 0, -0.01).field()).isEqualTo("revenue");
    }

    @Test
    void check_countsThatContradictEachOther_areInconsistent() {
        AdResultRules.Problem clicks = check(DAY, 9, "e", "c", 10, 11, 0, 0, 0);
        assertThat(clicks.reason()).isEqualTo(RejectReason.INCONSISTENT_COUNTS);
        assertThat(clicks.describe()).isEqualTo("clicks 11 is above impressions 10");
        assertThat(check(DAY, 9, "e", "c", 10, 5, 6, 0, 0).field()).isEqualTo("conversions");
    }

    @Test
    void check_date_isPlausibleInTheShopsZone() {
        assertThat(check(LocalDate.of(1989, 12, 31), 23, "e", "c", 1, 0, 0, 0, 0).reason())
                .isEqualTo(RejectReason.IMPOSSIBLE_DATE);
        // 2024-06-02 12:00 London is 11:00Z, within a day of 12:00Z on the 1st; 13:00 London is 12:00Z: also within
        assertThat(check(LocalDate.of(2024, 6, 2), 13, "e", "c", 1, 0, 0, 0, 0)).isNull();
        assertThat(check(LocalDate.of(2024, 6, 2), 14, "e", "c", 1, 0, 0, 0, 0).reason())
                .isEqualTo(RejectReason.IMPOSSIBLE_DATE);
    }

    @Test
    void csvHeaderLine_isWhatCleaningReadsAsAds_everyColumnIncluded() throws Exception {
        String csv = AdResultRules.csvHeaderLine(true) + "2024-05-31,9,email,spring-sale,1000,40,3,12.5,90.0,loyal\n"
                + AdResultRules.csvHeaderLine(false).strip() + "\n"; // a second header line is a row, rejected
        RecordingOutput out = new RecordingOutput();

        CleanReport report = new ExportCleaner().clean(new java.io.ByteArrayInputStream(
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)), CleanRequest.of("s", "results.csv")
                .withReceivedAt(RECEIVED), out);

        assertThat(AdResultRules.csvHeaderLine(false))
                .isEqualTo("date,hour,channel,campaign,impressions,clicks,conversions,spend,revenue\n");
        assertThat(report.format()).isEqualTo(ExportFormat.ADS_CSV.code());
        assertThat(report.rowsClean()).isEqualTo(1);
        assertThat(out.rows).singleElement().satisfies(row -> assertThat(row.json())
                .contains("\"campaignId\":\"spring-sale\"", "\"conversions\":3", "\"revenue\":90.0",
                        "\"audience\":\"loyal\""));
    }
}
