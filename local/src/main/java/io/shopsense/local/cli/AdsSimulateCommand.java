package io.shopsense.local.cli;

import io.shopsense.ads.AdMarketSimulator;
import io.shopsense.ads.AudienceHourPrior;
import io.shopsense.ads.AudiencePrior;
import io.shopsense.ads.AudienceSimulationReport;
import io.shopsense.ads.BudgetPlanner;
import io.shopsense.ads.ChannelPrior;
import io.shopsense.ads.PlanConstraints;
import io.shopsense.ads.SimulationReport;
import io.shopsense.clean.AdResultRules;
import io.shopsense.model.AdPerformance;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ads simulate [--days 30]}: the planner against a synthetic market whose channels carry the UCI Online
 * Shoppers conversion rates by traffic type (weekday/weekend), scored against an oracle that knows the true rates and
 * an even split, and how often the plan's 95% predictive interval held the day's realised conversions
 * ({@code intervalCoverage}). The {@code audiences} block plays the same market split into the UCI data's visitor
 * types (audiences that differ by channel as the UCI data say, by hour as Online Retail's first and repeat orders say,
 * or by invented hour shapes with {@code --audience-hours invented}): the audience-aware planner against the
 * audience-blind one, the oracle over audience cells and the even split, over all days, the first week and after the
 * first two weeks, with the aware plan's interval coverage ({@code --no-audiences} skips it). {@code --history-out FILE} also writes a synthetic ad-results CSV (the demo's
 * {@code samples/ad-results.csv} was made this way).
 */
@Command(name = "simulate", description = "Run the budget planner for N simulated days; report regret.")
final class AdsSimulateCommand implements Callable<Integer> {
    /** Traffic types with fewer sessions give conversion rates too noisy to be a channel's truth. */
    private static final long MIN_SESSIONS = 300;

    @Option(names = "--days", defaultValue = "30", description = "Simulated days of planning (0: none).")
    int days;

    @Option(names = "--budget", defaultValue = "1000", description = "Daily budget.")
    double budget;

    @Option(names = "--seed", defaultValue = "2024", description = "Seed of the market, outcomes and plans.")
    long seed;

    @Option(names = "--start", defaultValue = "2024-07-01", description = "First planned day (YYYY-MM-DD).")
    String start;

    @Option(names = "--warm-up-days", defaultValue = "7", description = "Days of jittered even split before --start.")
    int warmUpDays;

    @Option(names = "--channels", description = "Use only the first N traffic types as channels.")
    Integer channels;

    @Option(names = "--history-out", description = "Write the warm-up history as an ad-results CSV here.")
    Path historyOut;

    @Option(names = "--campaign", defaultValue = "demo", description = "Campaign id of the --history-out rows.")
    String campaign;

    @Option(names = "--audience-history-out",
            description = "Write the audience market's targeted warm-up as an ad-results CSV with an audience column.")
    Path audienceHistoryOut;

    @Option(names = "--no-audiences", negatable = false,
            description = "Skip the audience market (audience-aware vs audience-blind planner).")
    boolean noAudiences;

    @Option(names = "--audience-hours", defaultValue = "data",
            description = "How audiences differ by hour: data (Online Retail's first and repeat orders) or invented"
                    + " (the earlier market's random sine shapes).")
    String audienceHours;

    /** Days before the audience block's "afterTwoWeeks" figures start. */
    static final int LEARNING_DAYS = 14;

    @Override
    public Integer call() throws Exception {
        LocalDate first = AdsPlanCommand.parseDate(start);
        if (days < 0 || warmUpDays < 1 || !(budget > 0) || Double.isInfinite(budget)) {
            throw new UsageException("--days must be >= 0, --warm-up-days >= 1 and --budget > 0");
        }
        if (!audienceHours.equals("data") && !audienceHours.equals("invented")) {
            throw new UsageException("--audience-hours must be data or invented");
        }
        List<ChannelPrior> priors = priors();
        if (channels != null) {
            if (channels < 1 || channels > priors.size()) {
                throw new UsageException("--channels must be 1.." + priors.size());
            }
            priors = priors.subList(0, channels);
        }
        AdMarketSimulator market = AdMarketSimulator.fromPriors(priors, budget, seed);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("channels", market.channels());
        result.put("budget", budget);
        result.put("seed", seed);
        if (historyOut != null) {
            List<AdPerformance> history = market.warmUp(first, warmUpDays, budget, campaign, seed);
            writeCsv(history, historyOut);
            result.put("historyOut", historyOut.toString());
            result.put("historyRows", history.size());
            result.put("historyFrom", first.minusDays(warmUpDays).toString());
            result.put("historyTo", first.minusDays(1).toString());
        }
        if (audienceHistoryOut != null) {
            List<AdPerformance> history = withAudiences(market)
                    .warmUpTargeted(first, warmUpDays, budget, campaign, seed);
            writeCsv(history, audienceHistoryOut);
            result.put("audienceHistoryOut", audienceHistoryOut.toString());
            result.put("audienceHistoryRows", history.size());
        }
        if (days > 0) {
            long started = System.nanoTime();
            SimulationReport sim = market.run(new BudgetPlanner(), PlanConstraints.budget(budget), first, days,
                    warmUpDays, seed);
            result.put("days", days);
            result.put("plannerConversions", round(sim.plannerConversions()));
            result.put("oracleConversions", round(sim.oracleConversions()));
            result.put("evenSplitConversions", round(sim.evenConversions()));
            result.put("plannerRegret", round(sim.plannerRegret()));
            result.put("evenSplitRegret", round(sim.evenSplitRegret()));
            result.put("plannerRegretShare", round(sim.plannerRegret() / sim.oracleConversions()));
            result.put("evenSplitRegretShare", round(sim.evenSplitRegret() / sim.oracleConversions()));
            List<SimulationReport.Day> list = sim.days();
            result.put("lastWeekMeanDailyRegret", round(list.subList(Math.max(0, list.size() - 7), list.size())
                    .stream().mapToDouble(d -> d.oracle() - d.planner()).average().orElse(0)));
            result.put("intervalCoverage", coverage(sim.daysInsideInterval(), list.size()));
            SimulationReport firstWeek = new SimulationReport(list.subList(0, Math.min(7, list.size())));
            result.put("firstWeekIntervalCoverage", coverage(firstWeek.daysInsideInterval(), firstWeek.days().size()));
            if (!noAudiences) {
                result.put("audiences", audienceBlock(market, first));
            }
            result.put("seconds", round((System.nanoTime() - started) / 1e9));
        }
        Output.result(result);
        return 0;
    }

    /** The audience-aware and audience-blind planners on the market split into visitor types. */
    private Map<String, Object> audienceBlock(AdMarketSimulator market, LocalDate first) throws IOException {
        AdMarketSimulator split = withAudiences(market);
        AudienceSimulationReport sim = split.runAudiences(new BudgetPlanner(), PlanConstraints.budget(budget), first,
                days, warmUpDays, seed);
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("audiences", split.audiences());
        block.put("audienceHours", audienceHours);
        block.put("allDays", audienceFigures(sim));
        block.put("firstWeek", audienceFigures(sim.until(7)));
        block.put("afterTwoWeeks", audienceFigures(sim.from(LEARNING_DAYS)));
        return block;
    }

    /** The market split into visitor types, by hour as the data say or as the earlier market invented. */
    private AdMarketSimulator withAudiences(AdMarketSimulator market) throws IOException {
        return audienceHours.equals("invented")
                ? market.withInventedAudienceHours(audiencePriors(), MIN_SESSIONS, seed)
                : market.withAudiences(audiencePriors(), audienceHourPriors(), MIN_SESSIONS);
    }

    private static Map<String, Object> coverage(long inside, int days) {
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("share", days == 0 ? 0 : round(inside / (double) days)); // no days: never printed
        coverage.put("daysInside", inside);
        coverage.put("days", days);
        return coverage;
    }

    private static Map<String, Object> audienceFigures(AudienceSimulationReport sim) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("days", sim.days().size());
        if (sim.days().isEmpty()) {
            return figures;
        }
        figures.put("awareConversions", round(sim.awareConversions()));
        figures.put("blindConversions", round(sim.blindConversions()));
        figures.put("oracleConversions", round(sim.oracleConversions()));
        figures.put("evenSplitConversions", round(sim.evenConversions()));
        figures.put("awareShareOfOracle", round(sim.awareConversions() / sim.oracleConversions()));
        figures.put("blindShareOfOracle", round(sim.blindConversions() / sim.oracleConversions()));
        figures.put("evenSplitShareOfOracle", round(sim.evenConversions() / sim.oracleConversions()));
        // Perfect knowledge without targeting: 1 minus this is all that targeting can add in this market.
        figures.put("untargetedOracleShareOfOracle", round(sim.untargetedOracleConversions() / sim.oracleConversions()));
        figures.put("awareOverBlind", round(sim.awareConversions() / sim.blindConversions()));
        figures.put("intervalCoverage", coverage(sim.daysInsideInterval(), sim.days().size()));
        return figures;
    }

    /** Visitor type × traffic type counts of the same UCI data (CC BY 4.0, see its NOTICE). */
    static List<AudiencePrior> audiencePriors() throws IOException {
        try (InputStream in = ChannelPrior.class.getResourceAsStream("/ads/online-shoppers-visitor-conversion.csv")) {
            if (in == null) {
                throw new IllegalStateException("ads/online-shoppers-visitor-conversion.csv is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return AudiencePrior.readAggregates(reader);
            }
        }
    }

    /** Orders by visitor type and hour from Online Retail (CC BY 4.0, see its NOTICE). */
    static List<AudienceHourPrior> audienceHourPriors() throws IOException {
        try (InputStream in = ChannelPrior.class.getResourceAsStream("/ads/online-retail-order-hours.csv")) {
            if (in == null) {
                throw new IllegalStateException("ads/online-retail-order-hours.csv is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return AudienceHourPrior.readAggregates(reader);
            }
        }
    }

    /** The UCI Online Shoppers aggregates shipped in the shared library (CC BY 4.0, see its NOTICE). */
    static List<ChannelPrior> priors() throws IOException {
        try (InputStream in = ChannelPrior.class.getResourceAsStream("/ads/online-shoppers-conversion.csv")) {
            if (in == null) {
                throw new IllegalStateException("ads/online-shoppers-conversion.csv is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return ChannelPrior.readAggregates(reader).stream().filter(p -> p.sessions() >= MIN_SESSIONS)
                        .toList();
            }
        }
    }

    /** The ad CSV clean-upload reads: date, hour, channel, campaign, impressions, clicks, conversions, spend, revenue. */
    static void writeCsv(List<AdPerformance> rows, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean targeted = rows.stream().anyMatch(r -> r.audience() != null);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(AdResultRules.csvHeaderLine(targeted));
            for (AdPerformance r : rows) {
                w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%d,%d,%.2f,%.2f", r.date(), r.hour(),
                        r.channel(), r.campaignId(), r.impressions(), r.clicks(), r.conversions(), r.spend(),
                        r.revenue()));
                w.write(targeted ? "," + (r.audience() == null ? "" : r.audience()) + "\n" : "\n");
            }
        }
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
