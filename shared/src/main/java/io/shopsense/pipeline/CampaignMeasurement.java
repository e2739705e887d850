package io.shopsense.pipeline;

import io.shopsense.campaign.CampaignDefinition;
import io.shopsense.campaign.CampaignWindow;
import io.shopsense.campaign.HoldoutAssignment;
import io.shopsense.campaign.Look;
import io.shopsense.campaign.OutcomeTally;
import io.shopsense.campaign.UpliftMeasurer;
import io.shopsense.campaign.UpliftReport;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * measure-campaigns, nightly: every launched campaign whose window has begun is measured on the clean events of its
 * window up to yesterday (whole UTC days), with the always-valid interval ({@link Look#NIGHTLY}: the owner may read
 * the verdict every morning without inflating false positives), into {@code reports/campaigns/{id}.json}; then the
 * listing of every campaign and its verdict, {@code reports/campaigns/_index.json}. The same events on the same night
 * write the same bytes (the bootstrap is seeded by the campaign), so a replay changes nothing.
 */
public final class CampaignMeasurement {
    /** A campaign's report: its definition's essentials, its state and the uplift. */
    public record Report(String campaignId, String audience, String action, String state, UpliftReport uplift) {
        public static final String SCHEDULED = "scheduled";
        public static final String RUNNING = "running";
        public static final String ENDED = "ended";
    }

    /** One line of the listing. */
    public record Verdict(String campaignId, String audience, String action, String start, String end, String state,
                          String measuredThrough, Integer members, Double upliftPp, Boolean significant,
                          String verdict) {
    }

    /** The listing the dashboard reads. */
    public record Listing(String measuredOn, List<Verdict> campaigns) {
    }

    private final ObjectStore bucket;
    private final Clock clock;

    public CampaignMeasurement(ObjectStore bucket, Clock clock) {
        this.bucket = bucket;
        this.clock = clock;
    }

    /** Measures every launched campaign as of the clock's today; returns the listing it wrote. */
    public Listing measureAll() throws IOException {
        return measureAll(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    /**
     * Measures every launched campaign on the whole UTC days before {@code today} (a run's logical date: a retried
     * delivery of the same night measures the same days).
     */
    public Listing measureAll(LocalDate today) throws IOException {
        List<Verdict> verdicts = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : bucket.list(Layout.CAMPAIGNS)) {
            if (!info.key().endsWith("/launch.json")) {
                continue;
            }
            CampaignRecord record;
            try (InputStream in = bucket.open(info.key())) {
                record = Json.MAPPER.readValue(in, CampaignRecord.class);
            }
            if (record.isLaunched()) {
                verdicts.add(measure(record, today.minusDays(1)));
            }
        }
        Listing listing = new Listing(today.toString(), verdicts);
        bucket.put(Layout.CAMPAIGN_VERDICTS_KEY, Json.write(listing).getBytes(StandardCharsets.UTF_8),
                "application/json");
        return listing;
    }

    private Verdict measure(CampaignRecord record, LocalDate lastWholeDay) throws IOException {
        CampaignDefinition definition = record.definition();
        CampaignWindow window = definition.window();
        if (lastWholeDay.isBefore(window.start())) {
            return new Verdict(record.campaignId(), record.audience(), record.action(), record.start(), record.end(),
                    Report.SCHEDULED, null, record.treatment() + record.holdoutMembers(), null, null,
                    "starts on " + window.start());
        }
        CampaignWindow measured = window.asOf(lastWholeDay);
        HoldoutAssignment.Split split = CampaignLaunch.split(bucket, record);
        List<String> members = new ArrayList<>(split.treatment());
        members.addAll(split.holdout());
        OutcomeTally tally = new OutcomeTally(measured, members);
        // Partitions are by the shop's day: a day either side holds every event of the window's UTC days.
        for (LocalDate day = measured.start().minusDays(1); !day.isAfter(measured.end().plusDays(1));
             day = day.plusDays(1)) {
            for (ObjectStore.ObjectInfo part : TrainingData.cleanObjects(bucket,
                    Layout.cleanPrefix("events") + "dt=" + day + "/")) {
                tally.addAll(CleanRows.events(bucket, part.key()));
            }
        }
        UpliftReport uplift = UpliftMeasurer.measure(split, window, measured, tally.outcomes(), Look.NIGHTLY);
        String state = measured.end().equals(window.end()) ? Report.ENDED : Report.RUNNING;
        bucket.put(Layout.campaignReportKey(record.campaignId()), Json.write(new Report(record.campaignId(),
                record.audience(), record.action(), state, uplift)).getBytes(StandardCharsets.UTF_8),
                "application/json");
        return new Verdict(record.campaignId(), record.audience(), record.action(), record.start(), record.end(), state,
                uplift.measuredThrough(), split.members(), uplift.upliftPp(), uplift.significant(), uplift.verdict());
    }

    /** A campaign's last report, if it has been measured. */
    public static java.util.Optional<byte[]> report(ObjectStore bucket, String campaignId) throws IOException {
        String key = Layout.campaignReportKey(campaignId);
        if (bucket.find(key).isEmpty()) {
            return java.util.Optional.empty();
        }
        try (InputStream in = bucket.open(key)) {
            return java.util.Optional.of(in.readAllBytes());
        }
    }

    /** The listing of every campaign's verdict, if a measurement has run. */
    public static java.util.Optional<Listing> listing(ObjectStore bucket) throws IOException {
        if (bucket.find(Layout.CAMPAIGN_VERDICTS_KEY).isEmpty()) {
            return java.util.Optional.empty();
        }
        try (InputStream in = bucket.open(Layout.CAMPAIGN_VERDICTS_KEY)) {
            return java.util.Optional.of(Json.MAPPER.readValue(in, Listing.class));
        }
    }
}
