package io.shopsense.ads;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: prints the off-policy estimates on the full Open Bandit sample files and the 30-day simulation's
 * regret. Run with {@code java -cp target/classes:target/test-classes io.shopsense.ads.AdsMeasurement ../shared/data}.
 */
public final class AdsMeasurement {
    private AdsMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        for (String campaign : List.of("men", "women")) {
            long start = System.nanoTime();
            Path dir = data.resolve("open-bandit/random/" + campaign);
            BanditLog log;
            ItemContext items;
            try (Reader in = Files.newBufferedReader(dir.resolve(campaign + ".csv"), StandardCharsets.UTF_8)) {
                log = OpenBanditReader.readLog(in);
            }
            try (Reader in = Files.newBufferedReader(dir.resolve("item_context.csv"), StandardCharsets.UTF_8)) {
                items = OpenBanditReader.readItemContext(in);
            }
            BanditLog bts;
            try (Reader in = Files.newBufferedReader(data.resolve("open-bandit/bts/" + campaign + "/" + campaign
                    + ".csv"), StandardCharsets.UTF_8)) {
                bts = OpenBanditReader.readLog(in);
            }
            OffPolicyReport report = new OffPolicyEvaluator(7, 1000).evaluate(log, items, SlotPolicy.defaults(7));
            System.out.printf(Locale.ROOT, "%s: train %d, judged %d, loggedCtr(judged random) %.4f%%, "
                            + "random all %.4f%%, bts all %.4f%%, %.1fs%n", campaign, report.trainRows(),
                    report.judgedRowIds().length, 100 * report.loggedCtr(), 100 * log.clickRate(),
                    100 * bts.clickRate(), (System.nanoTime() - start) / 1e9);
            for (OffPolicyReport.Result r : report.results()) {
                PolicyEstimate e = r.estimate();
                System.out.printf(Locale.ROOT, "  %-22s ipw %.4f%% snipw %.4f%% dr %.4f%% ci [%.4f%%, %.4f%%] "
                                + "dr-ci [%.4f%%, %.4f%%]%n", e.policy(), 100 * e.ipw(), 100 * e.snipw(),
                        100 * e.dr(), 100 * e.ciLow(), 100 * e.ciHigh(), 100 * e.drLow(), 100 * e.drHigh());
            }
        }
        List<ChannelPrior> priors;
        try (Reader in = Files.newBufferedReader(data.resolve("online-shoppers/online_shoppers_intention.csv"))) {
            priors = ChannelPrior.aggregateRaw(in).stream().filter(p -> p.sessions() >= 300).toList();
        }
        long start = System.nanoTime();
        AdMarketSimulator market = AdMarketSimulator.fromPriors(priors, 1000, 2024);
        SimulationReport sim = market.run(new BudgetPlanner(), PlanConstraints.budget(1000),
                LocalDate.of(2024, 6, 3), 30, 7, 2024);
        System.out.printf(Locale.ROOT, "simulation: %d channels, 30 days, budget 1000/day, %.1fs%n", priors.size(),
                (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "  expected conversions: planner %.1f, oracle %.1f, even %.1f%n",
                sim.plannerConversions(), sim.oracleConversions(), sim.evenConversions());
        System.out.printf(Locale.ROOT, "  regret vs oracle: planner %.1f (%.1f%%), even split %.1f (%.1f%%)%n",
                sim.plannerRegret(), 100 * sim.plannerRegret() / sim.oracleConversions(), sim.evenSplitRegret(),
                100 * sim.evenSplitRegret() / sim.oracleConversions());
        List<SimulationReport.Day> days = sim.days();
        System.out.printf(Locale.ROOT, "  day 1 regret %.2f, day 30 regret %.2f, last-7-day mean regret %.2f/day; "
                        + "forecast 95%% coverage of realised %.0f%%%n", days.get(0).oracle() - days.get(0).planner(),
                days.get(29).oracle() - days.get(29).planner(),
                days.subList(23, 30).stream().mapToDouble(d -> d.oracle() - d.planner()).average().orElse(0),
                100 * sim.forecastCoverage());
    }
}
