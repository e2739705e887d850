package io.shopsense.local.cli;

import io.shopsense.pipeline.Layout;
import io.shopsense.ads.BudgetPlanner;
import io.shopsense.ads.PlanConstraints;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.CleanOutput;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.ExportCleaner;
import io.shopsense.clean.Reject;
import io.shopsense.clean.RowKind;
import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.AdPlan;
import io.shopsense.pipeline.AdConstraints;
import io.shopsense.pipeline.AdPlanning;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ads plan --performance PATH --budget AMOUNT --date DATE [--constraints FILE] [--campaign ID]}: the plan
 * optimize-ads would write for one campaign, from a clean output directory, a clean {@code .jsonl(.gz)} file or a raw
 * ad CSV (cleaned in memory first). Same rows, date and campaign give the same plan as the function.
 */
@Command(name = "plan", description = "Plan one day's ad budget over channel × hour.")
final class AdsPlanCommand implements Callable<Integer> {
    @Option(names = "--performance", required = true,
            description = "Ad results: a clean output directory (clean/ads/…), a clean .jsonl(.gz) file or a raw CSV.")
    Path performance;

    @Option(names = "--budget", required = true, description = "The day's total budget.")
    double budget;

    @Option(names = "--date", required = true, description = "The day to plan (YYYY-MM-DD).")
    String date;

    @Option(names = "--constraints", description = "Constraints JSON (per-channel min/max, hour caps).")
    Path constraintsFile;

    @Option(names = "--campaign", description = "The campaign to plan when the rows hold several.")
    String campaign;

    @Override
    public Integer call() throws Exception {
        LocalDate day = parseDate(date);
        if (!(budget >= 0) || Double.isInfinite(budget)) {
            throw new UsageException("--budget must be a number >= 0");
        }
        if (!Files.exists(performance)) {
            throw new UsageException("cannot read " + performance);
        }
        AdConstraints file = constraintsFile == null ? AdConstraints.none() : readConstraints(constraintsFile);
        SortedMap<String, List<AdPerformance>> byCampaign = AdPlanning.byCampaign(readRows(performance, day), day);
        if (byCampaign.isEmpty()) {
            throw new UsageException("no ad rows in the " + AdPlanning.LOOKBACK_DAYS + " days before " + day
                    + " in " + performance);
        }
        String campaignId = chooseCampaign(byCampaign);
        List<AdPerformance> history = byCampaign.get(campaignId);
        PlanConstraints constraints;
        try {
            constraints = file.withBudget(campaignId, budget);
        } catch (IllegalArgumentException bad) {
            throw new UsageException(constraintsFile + ": " + bad.getMessage());
        }
        long started = System.nanoTime();
        AdPlan plan = new BudgetPlanner().plan(campaignId, history, constraints, day,
                AdPlanning.seed(campaignId, day));
        double seconds = (System.nanoTime() - started) / 1e9;
        Output.result(result(plan, history, seconds));
        return 0;
    }

    private String chooseCampaign(SortedMap<String, List<AdPerformance>> byCampaign) {
        if (campaign != null) {
            if (!byCampaign.containsKey(campaign)) {
                throw new UsageException("campaign " + campaign + " has no rows; found " + byCampaign.keySet());
            }
            return campaign;
        }
        if (byCampaign.size() > 1) {
            throw new UsageException("the rows hold campaigns " + byCampaign.keySet() + ": choose one with --campaign");
        }
        return byCampaign.firstKey();
    }

    private static Map<String, Object> result(AdPlan plan, List<AdPerformance> history, double seconds) {
        List<Map<String, Object>> allocations = new ArrayList<>();
        Map<String, Double> byChannel = new TreeMap<>();
        for (AdAllocation a : plan.allocations()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("channel", a.channel());
            cell.put("hour", a.hour());
            cell.put("budget", cents(a.budget()));
            cell.put("expectedConversions", round(a.expectedConversions(), 3));
            allocations.add(cell);
            byChannel.merge(a.channel(), a.budget(), Double::sum);
        }
        byChannel.replaceAll((channel, sum) -> cents(sum));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaignId", plan.campaignId());
        out.put("date", plan.date().toString());
        out.put("seed", plan.seed());
        out.put("budget", plan.budget());
        out.put("allocatedBudget", cents(plan.allocatedBudget()));
        out.put("unallocated", cents(plan.unallocated()));
        out.put("allocations", allocations);
        out.put("budgetByChannel", byChannel);
        out.put("expectedConversions", round(plan.expectedConversions(), 2));
        out.put("conversionsLow", round(plan.conversionsLow(), 2));
        out.put("conversionsHigh", round(plan.conversionsHigh(), 2));
        out.put("expectedRevenue", cents(plan.expectedRevenue()));
        out.put("revenueLow", cents(plan.revenueLow()));
        out.put("revenueHigh", cents(plan.revenueHigh()));
        out.put("historyRows", history.size());
        out.put("historyFrom", history.get(0).date().toString());
        out.put("historyTo", history.get(history.size() - 1).date().toString());
        out.put("notes", plan.notes());
        out.put("seconds", round(seconds, 3));
        return out;
    }

    /** Rows in upload order from a clean directory, a clean JSON Lines file or a raw CSV. */
    private static List<AdPerformance> readRows(Path path, LocalDate day) throws IOException {
        if (Files.isDirectory(path)) {
            List<AdPerformance> rows = AdPlanning.readCleanRows(new DirectoryObjectStore(path), day);
            if (rows.isEmpty() && !Files.isDirectory(path.resolve(Layout.cleanPrefix("ads")))) {
                throw new UsageException(path + " has no clean/ads/ folder (clean an ad export into it first)");
            }
            return rows;
        }
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json.gz")) {
            List<AdPerformance> rows = new ArrayList<>();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
                AdPlanning.readJsonLines(name.endsWith(".gz") ? new GZIPInputStream(in) : in, rows);
            } catch (IllegalArgumentException bad) {
                throw new UsageException(path + ": " + bad.getMessage());
            }
            return rows;
        }
        return cleanInMemory(path);
    }

    /** A raw ad export, cleaned with the same code as clean-upload; rejects are counted on stderr. */
    private static List<AdPerformance> cleanInMemory(Path csv) throws IOException {
        List<AdPerformance> rows = new ArrayList<>();
        CleanOutput collect = new CleanOutput() {
            @Override
            public void row(RowKind kind, LocalDate dt, String jsonLine) {
                if (kind == RowKind.ADS) {
                    rows.add(CanonicalJson.readAd(jsonLine));
                }
            }

            @Override
            public void reject(Reject reject) {
                // counted in the report below
            }
        };
        CleanReport report;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
            report = new ExportCleaner().clean(in,
                    CleanRequest.of("local", Layout.RAW_ADS + csv.getFileName()).withExpectedKind(RowKind.ADS), collect);
        }
        if (!report.ok()) {
            throw new UsageException(csv + " could not be cleaned: " + report.errorCode() + ": "
                    + report.errorMessage());
        }
        if (rows.isEmpty()) {
            throw new UsageException(csv + " has no ad rows (format " + report.format() + ", "
                    + report.rowsRejected() + " rows rejected " + report.rejectsByReason() + ")");
        }
        if (report.rowsRejected() > 0) {
            Output.progress(csv + ": " + report.rowsRejected() + " rows rejected " + report.rejectsByReason());
        }
        return rows;
    }

    private static AdConstraints readConstraints(Path file) throws IOException {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new UsageException("cannot read constraints " + file);
        }
        try {
            return AdConstraints.parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException bad) {
            throw new UsageException(file + ": " + bad.getMessage());
        }
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be YYYY-MM-DD, was " + text);
        }
    }

    private static double cents(double money) {
        return round(money, 2);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
