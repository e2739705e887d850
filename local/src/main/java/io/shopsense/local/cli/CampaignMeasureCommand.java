package io.shopsense.local.cli;

import io.shopsense.campaign.CampaignWindow;
import io.shopsense.campaign.HoldoutAssignment;
import io.shopsense.campaign.Look;
import io.shopsense.campaign.OutcomeTally;
import io.shopsense.campaign.UpliftMeasurer;
import io.shopsense.campaign.UpliftReport;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign measure --events PATH --audience FILE --campaign ID --start DATE --end DATE [--holdout 0.1]}: splits
 * the audience by the stable hash as launch-campaign does, counts each member's purchases in the window and prints
 * one JSON object: {@code treatment}, {@code holdout} ({@code members}, {@code converted}, {@code revenue}),
 * {@code upliftPp}, {@code upliftCi}, {@code revenuePerMemberUplift}, {@code revenueCi}, {@code verdict}, and the
 * rest of the report. This is one look when the window has ended, so the verdict rests on the fixed-horizon interval;
 * the always-valid one (what the nightly function judges by) is printed beside it.
 */
@Command(name = "measure", description = "A campaign's uplift over its holdout, from events and an audience file.")
final class CampaignMeasureCommand implements Callable<Integer> {
    @Option(names = "--events", required = true,
            description = "Clean output directory (clean --out DIR) or a raw orders/events export.")
    Path events;

    @Option(names = "--audience", required = true, description = "Customer ids, one a line, header customer_id.")
    Path audience;

    @Option(names = "--campaign", required = true, description = "Campaign id (seeds the stable split).")
    String campaign;

    @Option(names = "--start", required = true, description = "First day of the window (YYYY-MM-DD, UTC).")
    String start;

    @Option(names = "--end", required = true, description = "Last day of the window (YYYY-MM-DD, UTC).")
    String end;

    @Option(names = "--holdout", defaultValue = "0.1", description = "Share held out (default 0.1).")
    double holdout;

    @Option(names = "--format", description = "Export format when --events is a raw file (default: sniffed).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!(holdout > 0 && holdout < 1)) {
            throw new UsageException("--holdout must be between 0 and 1 (exclusive), was " + holdout);
        }
        if (campaign.isBlank()) {
            throw new UsageException("--campaign must not be blank");
        }
        LocalDate first = date("--start", start);
        LocalDate last = date("--end", end);
        if (last.isBefore(first)) {
            throw new UsageException("--end " + end + " is before --start " + start);
        }
        CampaignWindow window = new CampaignWindow(first, last);
        Set<String> members = readAudience(audience);
        EventsInput input = EventsInput.load(events, EventsInput.format(format), ZoneOffset.UTC);
        HoldoutAssignment.Split split = HoldoutAssignment.split(campaign, members, holdout);
        UpliftReport report = UpliftMeasurer.measure(split, window, window,
                new OutcomeTally(window, members).addAll(input.events()).outcomes(), Look.SINGLE);
        Output.result(contract(report));
        return 0;
    }

    /** The contract's fields first, then the rest of the report. */
    static Map<String, Object> contract(UpliftReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaign", report.campaignId());
        out.put("treatment", group(report.treatment()));
        out.put("holdout", group(report.holdout()));
        out.put("upliftPp", report.upliftPp());
        out.put("upliftCi", report.upliftCi());
        out.put("revenuePerMemberUplift", report.revenuePerMemberUplift());
        out.put("revenueCi", report.revenueCi());
        out.put("verdict", report.verdict());
        out.put("significant", report.significant());
        out.put("intervalMethod", report.intervalMethod());
        out.put("alwaysValidCi", report.alwaysValidCi());
        out.put("relativeUplift", report.relativeUplift());
        out.put("incrementalOrders", report.incrementalOrders());
        out.put("incrementalRevenue", report.incrementalRevenue());
        out.put("membersNeeded", report.membersNeeded());
        out.put("window", report.windowStart() + ".." + report.windowEnd());
        out.put("holdoutShare", report.holdoutShare());
        return out;
    }

    private static Map<String, Object> group(UpliftReport.Group group) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("members", group.members());
        out.put("converted", group.converted());
        out.put("revenue", group.revenue());
        out.put("conversionPp", group.conversionPp());
        out.put("orders", group.orders());
        out.put("revenuePerMember", group.revenuePerMember());
        return out;
    }

    /** A customer-id list: header {@code customer_id}, one id a line; blank lines skipped, duplicates collapse. */
    static Set<String> readAudience(Path file) throws Exception {
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read " + file);
        }
        Set<String> ids = new LinkedHashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.strip().equals("customer_id")) {
                throw new UsageException(file + ": the first line must be the header customer_id");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    ids.add(io.shopsense.audience.AudienceExports.unquote(line.strip()));
                }
            }
        }
        if (ids.isEmpty()) {
            throw new UsageException(file + " lists no customers");
        }
        return ids;
    }

    static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(option + " must be a date YYYY-MM-DD, was " + value);
        }
    }
}
