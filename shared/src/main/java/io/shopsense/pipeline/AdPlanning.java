package io.shopsense.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.ads.BudgetPlanner;
import io.shopsense.ads.PlanConstraints;
import io.shopsense.ads.PlanDiff;
import io.shopsense.ads.PlanObjective;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.AdPlan;
import io.shopsense.model.SalesCalendar;
import io.shopsense.model.PlanChange;
import io.shopsense.store.AdPlanJson;
import io.shopsense.store.AdPlanStore;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ObjectStore.ObjectInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * optimize-ads' work: read the clean ad rows of the last {@value #LOOKBACK_DAYS} days from the bucket, plan each
 * campaign's budget for one day with {@link BudgetPlanner}, compare with the campaign's previous plan
 * ({@link PlanDiff}), write the report {@code reports/ads/{date}/{campaignId}.json} and the {@code AdPlans} item.
 *
 * <p>Idempotent: the seed comes from campaign and date, rows are read in a fixed order and nothing depends on the
 * clock, so the same data gives the same plan, item and report bytes. The report is written before the item, so a
 * run that fails half-way is simply run again.
 */
public final class AdPlanning {
    /** Eight weeks: every weekday seen several times, recent enough to follow a changing market. */
    public static final int LOOKBACK_DAYS = 56;
    /** Ad rows without a campaign column are planned as this campaign. */
    public static final String DEFAULT_CAMPAIGN = "default";
    /** Cells whose budget moved less than this share are not listed as changes. */
    static final double MIN_CHANGE = 0.05;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One campaign's plan as the function reports it. */
    public record CampaignResult(String campaignId, int historyRows, double budget, double allocatedBudget,
                                 double expectedConversions, double conversionsLow, double conversionsHigh,
                                 int changes, String reportKey) {
    }

    /** What one run planned; {@code date} is ISO text so any JSON serialiser can write it. */
    public record Result(String date, int historyRows, List<CampaignResult> campaigns, List<String> notes) {
    }

    private final ObjectStore bucket;
    private final AdPlanStore plans;
    private final BudgetPlanner planner;
    private final double defaultBudget;
    private SalesCalendar salesCalendar = SalesCalendar.NONE;

    public AdPlanning(ObjectStore bucket, AdPlanStore plans, BudgetPlanner planner, double defaultBudget) {
        if (!(defaultBudget >= 0) || Double.isInfinite(defaultBudget)) {
            throw new IllegalArgumentException("default daily budget must be a number >= 0, was " + defaultBudget);
        }
        this.bucket = bucket;
        this.plans = plans;
        this.planner = planner;
        this.defaultBudget = defaultBudget;
    }

    /** The function's services from its environment ({@code DATA_BUCKET}, {@code AD_PLANS_TABLE}, {@code SALES_CALENDAR}). */
    public static AdPlanning fromWiring(Wiring wiring, double defaultBudget) {
        return new AdPlanning(wiring.dataBucket(), wiring.adPlanStore(), new BudgetPlanner(), defaultBudget).withSalesCalendar(wiring.salesCalendar());
    }

    // ---- the shop's sales calendar (issue 20), kept apart from the planning itself ----

    /** This planning with the shop's big sales days ({@link #learnFrom}). */
    public AdPlanning withSalesCalendar(SalesCalendar calendar) {
        this.salesCalendar = java.util.Objects.requireNonNull(calendar, "calendar");
        return this;
    }

    /**
     * The history a plan for {@code date} learns from: for an ordinary day, the rows of ordinary days only (a 双11's
     * conversion rates would make every channel look better than it is on 11-12); for a sales day, every row, and a
     * note naming the sale (the planner has no sales-day model: raise its budget in the constraints). Notes say
     * which days were left out.
     */
    List<AdPerformance> learnFrom(List<AdPerformance> history, LocalDate date, List<String> notes) {
        if (salesCalendar.isEmpty()) {
            return history;
        }
        Optional<String> sale = salesCalendar.saleOn(date);
        if (sale.isPresent()) {
            notes.add("sales day: " + date + " is " + sale.get() + "; the plan learns from every day of the history,"
                    + " sales days included; set a larger totalBudget for it in " + Layout.AD_CONSTRAINTS_KEY);
            return history;
        }
        List<AdPerformance> ordinary = history.stream().filter(r -> !salesCalendar.isSaleDay(r.date())).toList();
        java.util.SortedSet<String> left = new java.util.TreeSet<>();
        history.stream().filter(r -> salesCalendar.isSaleDay(r.date()))
                .forEach(r -> left.add(r.date() + " " + salesCalendar.saleOn(r.date()).orElse("")));
        if (left.isEmpty()) {
            return history;
        }
        if (ordinary.isEmpty()) {
            notes.add("sales days only in the history (" + String.join(", ", left) + "): learned from them");
            return history;
        }
        notes.add("sales days left out of the history: " + String.join(", ", left));
        return ordinary;
    }

    /** Plans every campaign with ad rows in the lookback window for {@code date}. */
    public Result plan(LocalDate date) throws IOException {
        List<String> notes = new ArrayList<>();
        AdConstraints constraints = readConstraints(notes);
        Map<String, Double> audienceClv = audienceClv(bucket);
        SortedMap<String, List<AdPerformance>> history = byCampaign(readCleanRows(bucket, date), date);
        if (history.isEmpty()) {
            notes.add("no clean ad rows in the " + LOOKBACK_DAYS + " days before " + date + ": nothing planned");
        }
        List<CampaignResult> results = new ArrayList<>();
        int rows = 0;
        for (Map.Entry<String, List<AdPerformance>> campaign : history.entrySet()) {
            results.add(planCampaign(campaign.getKey(), campaign.getValue(), constraints, audienceClv, date));
            rows += campaign.getValue().size();
        }
        return new Result(date.toString(), rows, results, notes);
    }

    private CampaignResult planCampaign(String campaignId, List<AdPerformance> history, AdConstraints file,
                                        Map<String, Double> audienceClv, LocalDate date) {
        List<String> notes = new ArrayList<>();
        PlanConstraints constraints;
        try {
            constraints = file.forCampaign(campaignId, defaultBudget);
        } catch (IllegalArgumentException bad) {
            // A constraint the planner cannot meet must not stop tomorrow's ads: plan the budget alone and say why.
            notes.add(Layout.AD_CONSTRAINTS_KEY + " ignored for " + campaignId + ": " + bad.getMessage());
            constraints = PlanConstraints.budget(defaultBudget);
        }
        history = learnFrom(history, date, notes);
        AdPlan plan = planner.plan(campaignId, history, constraints, audienceClv, date, seed(campaignId, date));
        Optional<AdPlan> previous = plans.latestBefore(campaignId, date);
        List<PlanChange> changes = previous.map(p -> PlanDiff.between(p, plan, MIN_CHANGE)).orElse(List.of());
        String reportKey = Layout.adReportKey(date, campaignId);
        bucket.put(reportKey, report(plan, constraints, audienceClv, history, previous, changes, notes),
                "application/json");
        plans.put(plan);
        return new CampaignResult(campaignId, history.size(), plan.budget(), plan.allocatedBudget(),
                plan.expectedConversions(), plan.conversionsLow(), plan.conversionsHigh(), changes.size(), reportKey);
    }

    /**
     * Each audience's mean 12-month CLV from the last audience build ({@code audiences/index.json}), the value of a
     * conversion under the {@code value} objective; empty before the first build.
     */
    public static Map<String, Double> audienceClv(ObjectStore bucket) throws IOException {
        Map<String, Double> clv = new TreeMap<>();
        AudienceBuild.index(bucket).ifPresent(index -> index.audiences().forEach(e -> clv.put(e.name(), e.meanClv())));
        return clv;
    }

    /** The planner's seed for a campaign and day: fixed, so a replay plans exactly what the first run planned. */
    public static long seed(String campaignId, LocalDate date) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((campaignId + "\n" + date).getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                seed = seed << 8 | (digest[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The rows a plan for {@code date} learns from, by campaign: rows of the {@value #LOOKBACK_DAYS} days before it,
     * one per campaign × channel × day × hour × audience (a later row for the same cell, e.g. from a corrected export, replaces
     * the earlier), sorted by day, hour and channel. {@code rows} must come in upload order.
     */
    public static SortedMap<String, List<AdPerformance>> byCampaign(Iterable<AdPerformance> rows, LocalDate date) {
        LocalDate from = date.minusDays(LOOKBACK_DAYS);
        TreeMap<String, TreeMap<String, AdPerformance>> cells = new TreeMap<>();
        for (AdPerformance row : rows) {
            if (row.date().isBefore(from) || !row.date().isBefore(date)) {
                continue;
            }
            String campaign = row.campaignId() == null || row.campaignId().isBlank() ? DEFAULT_CAMPAIGN
                    : row.campaignId();
            String cell = row.date() + "\u0000" + (row.hour() < 10 ? "0" : "") + row.hour() + "\u0000" + row.channel()
                    + (row.audience() == null ? "" : "\u0000" + row.audience()); // untargeted rows keep their order
            AdPerformance named = campaign.equals(row.campaignId()) ? row : new AdPerformance(row.date(), row.hour(),
                    row.channel(), campaign, row.impressions(), row.clicks(), row.conversions(), row.spend(),
                    row.revenue(), row.audience());
            cells.computeIfAbsent(campaign, c -> new TreeMap<>()).put(cell, named);
        }
        TreeMap<String, List<AdPerformance>> byCampaign = new TreeMap<>();
        cells.forEach((campaign, rowsByCell) -> byCampaign.put(campaign, List.copyOf(rowsByCell.values())));
        return byCampaign;
    }

    /**
     * The clean ad rows ({@code clean/ads/dt=…/*.jsonl.gz}) of the partitions in the window before {@code date},
     * objects oldest first (then by key), the order {@link #byCampaign} needs for later uploads to win.
     */
    public static List<AdPerformance> readCleanRows(ObjectStore bucket, LocalDate date) throws IOException {
        LocalDate from = date.minusDays(LOOKBACK_DAYS);
        List<ObjectInfo> objects = new ArrayList<>();
        for (ObjectInfo info : bucket.list(Layout.cleanPrefix("ads"))) {
            Optional<LocalDate> dt = partitionDate(info.key());
            if (info.key().endsWith(".jsonl.gz") && dt.isPresent() && !dt.get().isBefore(from)
                    && dt.get().isBefore(date)) {
                objects.add(info);
            }
        }
        objects.sort(Comparator.comparingLong(ObjectInfo::lastModifiedMillis).thenComparing(ObjectInfo::key));
        List<AdPerformance> rows = new ArrayList<>();
        for (ObjectInfo info : objects) {
            try (InputStream in = bucket.open(info.key())) {
                readJsonLines(new GZIPInputStream(in), rows);
            }
        }
        return rows;
    }

    /** Appends the canonical ad rows of a JSON Lines stream (blank lines skipped). */
    public static void readJsonLines(InputStream in, List<AdPerformance> rows) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank()) {
                rows.add(CanonicalJson.readAd(line));
            }
        }
    }

    private static Optional<LocalDate> partitionDate(String key) {
        int at = key.indexOf("/dt=");
        if (at < 0 || key.length() < at + 14) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(key.substring(at + 4, at + 14)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private AdConstraints readConstraints(List<String> notes) throws IOException {
        if (bucket.find(Layout.AD_CONSTRAINTS_KEY).isEmpty()) {
            return AdConstraints.none();
        }
        byte[] content;
        try (InputStream in = bucket.open(Layout.AD_CONSTRAINTS_KEY)) {
            content = in.readAllBytes();
        }
        try {
            return AdConstraints.parse(content);
        } catch (IllegalArgumentException bad) {
            notes.add(Layout.AD_CONSTRAINTS_KEY + " ignored: " + bad.getMessage());
            return AdConstraints.none();
        }
    }

    /** The report: the plan cell by cell, expected outcomes with intervals, and what changed since the last plan. */
    static byte[] report(AdPlan plan, PlanConstraints constraints, Map<String, Double> audienceClv,
                         List<AdPerformance> history, Optional<AdPlan> previous, List<PlanChange> changes,
                         List<String> runNotes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("campaignId", plan.campaignId());
        root.put("date", plan.date().toString());
        root.put("seed", plan.seed());
        root.put("budget", plan.budget());
        root.put("allocatedBudget", plan.allocatedBudget());
        root.put("unallocated", plan.unallocated());
        ObjectNode expected = root.putObject("expected");
        interval(expected.putObject("conversions"), plan.expectedConversions(), plan.conversionsLow(),
                plan.conversionsHigh());
        interval(expected.putObject("revenue"), plan.expectedRevenue(), plan.revenueLow(), plan.revenueHigh());
        ObjectNode byChannel = root.putObject("budgetByChannel");
        TreeMap<String, Double> channelTotals = new TreeMap<>();
        for (AdAllocation a : plan.allocations()) {
            channelTotals.merge(a.channel(), a.budget(), Double::sum);
        }
        channelTotals.forEach(byChannel::put);
        audienceFigures(root, plan, constraints, audienceClv);
        root.set("allocations", AdPlanJson.allocations(plan.allocations()));
        ObjectNode used = root.putObject("constraints");
        used.put("totalBudget", constraints.totalBudget());
        new TreeMap<>(constraints.channelMin()).forEach(used.putObject("channelMin")::put);
        new TreeMap<>(constraints.channelMax()).forEach(used.putObject("channelMax")::put);
        ObjectNode caps = used.putObject("hourCaps");
        new TreeMap<>(constraints.hourCaps()).forEach((hour, cap) -> caps.put(Integer.toString(hour), cap));
        ObjectNode learned = root.putObject("history");
        learned.put("rows", history.size());
        learned.put("from", history.isEmpty() ? null : history.get(0).date().toString());
        learned.put("to", history.isEmpty() ? null : history.get(history.size() - 1).date().toString());
        ObjectNode diff = root.putObject("changes");
        diff.put("since", previous.map(p -> p.date().toString()).orElse(null));
        ArrayNode items = diff.putArray("cells");
        for (PlanChange c : changes) {
            ObjectNode change = items.addObject();
            change.put("channel", c.channel());
            change.put("hour", c.hour());
            change.put("previousBudget", c.previousBudget());
            change.put("budget", c.budget());
            if (Double.isFinite(c.relativeChange())) {
                change.put("relativeChange", c.relativeChange());
            } else {
                change.putNull("relativeChange"); // a cell that had no budget before
            }
            change.put("reason", c.reason());
        }
        ArrayNode notes = root.putArray("notes");
        plan.notes().forEach(notes::add);
        runNotes.forEach(notes::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report is plain numbers and strings", e);
        }
    }

    /**
     * A targeted plan's report also gives the budget and expected conversions per audience, the objective and, for
     * the value objective, the expected CLV of the customers converted; an untargeted plan's report is unchanged
     * (fields are added only for a targeted plan or an objective other than conversions).
     */
    private static void audienceFigures(ObjectNode root, AdPlan plan, PlanConstraints constraints,
                                        Map<String, Double> audienceClv) {
        boolean targeted = plan.allocations().stream().anyMatch(a -> a.audience() != null);
        if (!targeted && constraints.objective() == PlanObjective.CONVERSIONS) {
            return;
        }
        root.put("objective", constraints.objective().label());
        if (!targeted) {
            return;
        }
        TreeMap<String, double[]> byAudience = new TreeMap<>();
        for (AdAllocation a : plan.allocations()) {
            double[] sums = byAudience.computeIfAbsent(a.audience(), k -> new double[2]);
            sums[0] += a.budget();
            sums[1] += a.expectedConversions();
        }
        ObjectNode budgets = root.putObject("budgetByAudience");
        ObjectNode conversions = root.putObject("conversionsByAudience");
        byAudience.forEach((audience, sums) -> {
            budgets.put(audience, sums[0]);
            conversions.put(audience, sums[1]);
        });
        if (constraints.objective() == PlanObjective.VALUE) {
            double value = 0;
            for (Map.Entry<String, double[]> e : byAudience.entrySet()) {
                value += e.getValue()[1] * audienceClv.getOrDefault(e.getKey(), 0.0);
            }
            root.put("expectedValue", value);
        }
        ObjectNode bounds = root.putObject("audienceBounds");
        new TreeMap<>(constraints.audienceMin()).forEach(bounds.putObject("min")::put);
        new TreeMap<>(constraints.audienceMax()).forEach(bounds.putObject("max")::put);
    }

    private static void interval(ObjectNode node, double mean, double low, double high) {
        node.put("mean", mean);
        node.put("low95", low);
        node.put("high95", high);
    }
}
