package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Uploads after an erasure: the customer's rows are dropped, counted, and nothing of them is kept. */
class ErasedRowsTest {
    private static final String HEADER = "user_id,item_id,ts,type,quantity,price\n";
    private final ExportCleaner cleaner =
            new ExportCleaner(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

    /** Erases exactly the given ids (the real filter hashes them with the shop secret; cleaning only asks). */
    private static ErasedFilter erasing(String... ids) {
        Set<String> erased = Set.of(ids);
        return new ErasedFilter() {
            @Override
            public boolean isErased(String userId) {
                return userId != null && erased.contains(userId);
            }

            @Override
            public boolean mentionedIn(String rawText) {
                return erased.stream().anyMatch(rawText::contains);
            }
        };
    }

    @Test
    void clean_rowsOfAnErasedCustomer_areCountedAsErased_neitherCleanNorRejected() {
        String text = HEADER
                + "gone-1,i1,2024-01-02 10:00:00,purchase,1,9.99\n"
                + "kept-2,i2,2024-01-03 10:00:00,purchase,2,5.00\n"
                + "gone-1,i3,not a date,purchase,1,4.00\n"
                + "kept-2,i4,not a date,purchase,1,4.00\n";
        RecordingOutput out = new RecordingOutput();

        CleanReport report = cleaner.clean(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                CleanRequest.of("s1", "s1.csv").withErased(erasing("gone-1")), out);

        assertThat(report.rowsIn()).isEqualTo(4);
        assertThat(report.rowsClean()).isEqualTo(1);
        assertThat(report.rowsRejected()).isEqualTo(1);
        assertThat(report.rowsErased()).isEqualTo(2);
        assertThat(report.rejectsByReason()).containsExactly(Map.entry("BAD_DATE", 1L));
        assertThat(out.rows).noneMatch(row -> row.json().contains("gone-1"));
        assertThat(out.rejects).hasSize(1).noneMatch(reject -> reject.raw().contains("gone-1"));
    }

    @Test
    void clean_withNobodyErased_countsNoErasedRows() {
        CleanReport report = cleaner.clean(new ByteArrayInputStream((HEADER
                        + "u1,i1,2024-01-02 10:00:00,purchase,1,9.99\n").getBytes(StandardCharsets.UTF_8)),
                CleanRequest.of("s1", "s1.csv"), new RecordingOutput());

        assertThat(report.rowsErased()).isZero();
        assertThat(report.rowsClean()).isEqualTo(1);
    }
}
