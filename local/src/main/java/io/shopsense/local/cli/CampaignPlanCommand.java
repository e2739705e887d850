package io.shopsense.local.cli;

import io.shopsense.campaign.SampleSize;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign plan --audience FILE --base-rate PCT --effect PP [--holdout 0.1]}: whether an audience is large
 * enough to detect an uplift of {@code PP} points over a conversion rate of {@code PCT}% (80% power, 5% two-sided),
 * and how many members that would take.
 */
@Command(name = "plan", description = "Members needed to detect an uplift, against the audience's size.")
final class CampaignPlanCommand implements Callable<Integer> {
    @Option(names = "--audience", required = true, description = "Customer ids, one a line, header customer_id.")
    Path audience;

    @Option(names = "--base-rate", required = true, description = "Expected conversion without the campaign, in %%.")
    double baseRatePct;

    @Option(names = "--effect", required = true, description = "Uplift to detect, in percentage points.")
    double effectPp;

    @Option(names = "--holdout", defaultValue = "0.1", description = "Share held out (default 0.1).")
    double holdout;

    @Override
    public Integer call() throws Exception {
        double base = baseRatePct / 100;
        double treated = base + effectPp / 100;
        if (!(base >= 0 && base < 1) || !(treated > 0 && treated <= 1) || effectPp == 0) {
            throw new UsageException("--base-rate must be 0..100 and --effect a non-zero uplift that keeps it 0..100");
        }
        if (!(holdout > 0 && holdout < 1)) {
            throw new UsageException("--holdout must be between 0 and 1 (exclusive), was " + holdout);
        }
        int members = CampaignMeasureCommand.readAudience(audience).size();
        long needed = SampleSize.membersNeeded(treated, base, holdout).orElseThrow();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("members", members);
        result.put("holdoutMembers", Math.round(members * holdout));
        result.put("baseRatePct", baseRatePct);
        result.put("effectPp", effectPp);
        result.put("membersNeeded", needed);
        result.put("enough", members >= needed);
        Output.result(result);
        return 0;
    }
}
