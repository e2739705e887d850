package io.shopsense.local.cli;

import io.shopsense.campaign.CampaignSimulation;
import io.shopsense.campaign.CampaignWindow;
import io.shopsense.campaign.MemberOutcome;
import io.shopsense.campaign.OutcomeTally;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign simulate --seeds N --effect PP [--nightly]}: N campaigns on real Online Retail customers (everyone
 * who had bought before {@code --launch}, measured over the {@code --days} after it), each split by the stable hash
 * of its own id, with {@code PP} percentage points of conversion planted in the treatment group. Prints
 * {@code {seeds, effectPp, significantShare, coverage}}: the share of seeds called significant and the share whose
 * interval held the planted effect; with {@code --nightly}, judged every night by the always-valid interval (and
 * {@code naiveNightlyShare}: the fixed-horizon interval checked every night, what peeking would cost).
 */
@Command(name = "simulate", description = "A/A and planted-effect campaigns on real customers: false positives, coverage.")
final class CampaignSimulateCommand implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "1000", description = "Simulated campaigns (default 1000).")
    int seeds;

    @Option(names = "--effect", defaultValue = "0", description = "Planted uplift in percentage points (0: A/A).")
    double effectPp;

    @Option(names = "--nightly", description = "Look every night with the always-valid interval.")
    boolean nightly;

    @Option(names = "--holdout", defaultValue = "0.1", description = "Share held out (default 0.1).")
    double holdout;

    @Option(names = "--launch", defaultValue = "2011-10-01", description = "Launch day (default 2011-10-01).")
    String launch;

    @Option(names = "--days", defaultValue = "30", description = "Days in the window (default 30).")
    int days;

    @Option(names = "--data", description = "Online Retail export (default: samples/online-retail-sample.csv.gz).")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || days < 1) {
            throw new UsageException("--seeds and --days must be at least 1");
        }
        if (!(holdout > 0 && holdout < 1)) {
            throw new UsageException("--holdout must be between 0 and 1 (exclusive), was " + holdout);
        }
        LocalDate launchDay = CampaignMeasureCommand.date("--launch", launch);
        Path orders = data != null ? data
                : Workspace.detect().home().resolve("samples").resolve("online-retail-sample.csv.gz");
        List<MemberOutcome> audience = retrospectiveAudience(EventsInput.load(orders, null, ZoneOffset.UTC),
                launchDay, days);
        CampaignSimulation.Result result;
        try {
            result = CampaignSimulation.run(audience, days, holdout, seeds, effectPp, nightly);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--effect: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seeds", result.seeds());
        out.put("effectPp", result.effectPp());
        out.put("significantShare", result.significantShare());
        out.put("coverage", result.coverage());
        out.put("nightly", result.nightly());
        if (result.naiveNightlyShare() != null) {
            out.put("naiveNightlyShare", result.naiveNightlyShare());
        }
        out.put("interval", nightly ? "mixture-sprt-always-valid" : "newcombe-hybrid-score");
        out.put("members", result.members());
        out.put("holdoutShare", result.holdoutShare());
        out.put("baseRatePp", Math.round(result.baseRatePp() * 100) / 100.0);
        out.put("window", launchDay + ".." + launchDay.plusDays(days - 1L));
        out.put("data", orders.getFileName().toString());
        Output.result(out);
        return 0;
    }

    /** Everyone who bought before the launch day, with what they really did in the window after it. */
    static List<MemberOutcome> retrospectiveAudience(EventsInput input, LocalDate launchDay, int days) {
        Set<String> buyers = OutcomeTally.buyersBefore(input.events(), launchDay);
        if (buyers.isEmpty()) {
            throw new UsageException("nobody bought before " + launchDay + " in these events");
        }
        CampaignWindow window = new CampaignWindow(launchDay, launchDay.plusDays(days - 1L));
        return new ArrayList<>(new OutcomeTally(window, buyers).addAll(input.events()).outcomes().values());
    }
}
