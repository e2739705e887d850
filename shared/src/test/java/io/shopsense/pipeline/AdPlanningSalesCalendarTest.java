package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.ads.BudgetPlanner;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.SalesCalendar;
import io.shopsense.store.InMemoryAdPlanStore;
import io.shopsense.store.Json;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ad planner and the shop's sales calendar, on hand-made rows: an ordinary day learns from ordinary days only,
 * a sales day is marked. Channel "search", one hour; 双11 converts 10 times better than the days around it.
 */
class AdPlanningSalesCalendarTest {
    private static final SalesCalendar CHINA = SalesCalendar.parse("china", ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path bucketDir;

    @Test
    void anOrdinaryDay_learnsFromOrdinaryDaysOnly_andSaysWhichDaysItLeftOut() {
        List<AdPerformance> history = List.of(row(LocalDate.of(2024, 11, 10), 2), row(LocalDate.of(2024, 11, 11), 20));
        List<String> notes = new ArrayList<>();

        List<AdPerformance> used = planning(CHINA).learnFrom(history, LocalDate.of(2024, 11, 12), notes);

        assertThat(used).extracting(AdPerformance::date).containsExactly(LocalDate.of(2024, 11, 10));
        assertThat(notes).containsExactly("sales days left out of the history: 2024-11-11 双11");
    }

    @Test
    void aSalesDay_learnsFromEveryDay_andIsMarked() {
        List<AdPerformance> history = List.of(row(LocalDate.of(2023, 11, 11), 20), row(LocalDate.of(2024, 11, 10), 2));
        List<String> notes = new ArrayList<>();

        List<AdPerformance> used = planning(CHINA).learnFrom(history, LocalDate.of(2024, 11, 11), notes);

        assertThat(used).isEqualTo(history);
        assertThat(notes).singleElement().asString().startsWith("sales day: 2024-11-11 is 双11");
    }

    @Test
    void withoutACalendar_everyDayCounts() {
        List<AdPerformance> history = List.of(row(LocalDate.of(2024, 11, 10), 2), row(LocalDate.of(2024, 11, 11), 20));
        List<String> notes = new ArrayList<>();

        assertThat(planning(SalesCalendar.NONE).learnFrom(history, LocalDate.of(2024, 11, 12), notes))
                .isEqualTo(history);
        assertThat(notes).isEmpty();
    }

    @Test
    void plan_forTheDayAfter1111_leaves1111OutOfTheHistory_andItsReportSaysSo() throws Exception {
        DirectoryObjectStore bucket = new DirectoryObjectStore(bucketDir);
        for (int d = 1; d <= 14; d++) {
            LocalDate day = LocalDate.of(2024, 11, 12).minusDays(d);
            put(bucket, day, row(day, day.getDayOfMonth() == 11 ? 20 : 2));
        }
        AdPlanning.Result withCalendar = planning(bucket, CHINA).plan(LocalDate.of(2024, 11, 12));
        JsonNode report = read(bucket, withCalendar.campaigns().get(0).reportKey());

        assertThat(withCalendar.campaigns().get(0).historyRows()).isEqualTo(13); // rows learned from
        assertThat(report.path("history").path("rows").asInt()).isEqualTo(13);
        assertThat(report.path("notes").toString()).contains("sales days left out of the history: 2024-11-11 双11");

        AdPlanning.Result saleDay = planning(bucket, CHINA).plan(LocalDate.of(2024, 11, 11));
        assertThat(read(bucket, saleDay.campaigns().get(0).reportKey()).path("notes").toString())
                .contains("sales day: 2024-11-11 is 双11");
    }

    private AdPlanning planning(SalesCalendar calendar) {
        return planning(new DirectoryObjectStore(bucketDir), calendar);
    }

    private static AdPlanning planning(DirectoryObjectStore bucket, SalesCalendar calendar) {
        return new AdPlanning(bucket, new InMemoryAdPlanStore(), new BudgetPlanner(), 100).withSalesCalendar(calendar);
    }

    private static AdPerformance row(LocalDate date, long conversions) {
        return new AdPerformance(date, 20, "search", "c", 1000, 100, conversions, 50, conversions * 30.0);
    }

    private static void put(DirectoryObjectStore bucket, LocalDate day, AdPerformance row) throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write((CanonicalJson.adLine(row) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bucket.put("clean/ads/dt=" + day + "/s" + day + ".jsonl.gz", gz.toByteArray(), "application/x-ndjson");
    }

    private static JsonNode read(DirectoryObjectStore bucket, String key) throws Exception {
        try (InputStream in = bucket.open(key)) {
            return Json.MAPPER.readTree(in);
        }
    }
}
