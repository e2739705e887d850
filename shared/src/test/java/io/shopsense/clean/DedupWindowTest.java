package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cross-file deduplication, and why a retry of the same source is never its own duplicate. */
class DedupWindowTest {
    private static final String HEADER = "user_id,item_id,ts,type,quantity,price\n";
    private static final String A = "u1,i1,2024-01-02 10:00:00,purchase,1,9.99\n";
    private static final String B = "u2,i2,2024-01-03 10:00:00,purchase,2,5.00\n";
    private final ExportCleaner cleaner =
            new ExportCleaner(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));
    private final InMemoryDedupWindow window = new InMemoryDedupWindow(1000);

    private CleanReport clean(String sourceId, String text, RecordingOutput out) {
        return cleaner.clean(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                CleanRequest.of(sourceId, sourceId + ".csv").withDedup(window), out);
    }

    @Test
    void clean_eventSeenInAnEarlierUpload_isDuplicate() {
        clean("jan", HEADER + A, new RecordingOutput());

        CleanReport second = clean("jan-feb", HEADER + A + B, new RecordingOutput());

        assertThat(second.rowsClean()).isEqualTo(1);
        assertThat(second.rejectsByReason()).containsExactly(Map.entry("DUPLICATE", 1L));
    }

    @Test
    void clean_retryOfTheSameSource_writesTheSameRows() {
        RecordingOutput first = new RecordingOutput();
        RecordingOutput retry = new RecordingOutput();

        clean("jan", HEADER + A + B, first);
        CleanReport again = clean("jan", HEADER + A + B, retry);

        assertThat(again.rowsClean()).isEqualTo(2);
        assertThat(retry.rows).isEqualTo(first.rows);
    }

    @Test
    void window_forgetsTheOldestIdsFirst() {
        InMemoryDedupWindow small = new InMemoryDedupWindow(4);
        for (long id = 1; id <= 6; id++) {
            small.record(id, "a");
        }

        assertThat(small.seenElsewhere(1, "b")).isFalse();
        assertThat(small.seenElsewhere(6, "b")).isTrue();
        assertThat(small.seenElsewhere(5, "b")).isTrue();
        assertThat(small.seenElsewhere(6, "a")).isFalse();
    }

    @Test
    void clean_storageFailureInTheOutput_propagatesUnchanged() {
        IllegalStateException storage = new IllegalStateException("S3 is down");
        CleanOutput failing = new CleanOutput() {
            @Override
            public void row(RowKind kind, java.time.LocalDate dt, String jsonLine) {
                throw storage;
            }

            @Override
            public void reject(Reject reject) {
                throw storage;
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cleaner.clean(
                new ByteArrayInputStream((HEADER + A).getBytes(StandardCharsets.UTF_8)),
                CleanRequest.of("x", "x.csv"), failing)).isSameAs(storage);
    }

    @Test
    void clean_sameRowTwiceInOneFile_secondIsDuplicateEvenWithoutAWindow() {
        CleanReport report = cleaner.clean(new ByteArrayInputStream((HEADER + A + A).getBytes(StandardCharsets.UTF_8)),
                CleanRequest.of("x", "x.csv"), new RecordingOutput());

        assertThat(report.rejectsByReason()).containsExactly(Map.entry("DUPLICATE", 1L));
    }
}
