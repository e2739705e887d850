package io.shopsense.local.cli;

import io.shopsense.audience.AudienceExports;
import io.shopsense.campaign.HoldoutAssignment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign launch --audience FILE --campaign ID [--holdout 0.1] --out DIR}: the split launch-campaign freezes,
 * over a customer-id list: {@code DIR/treatment.csv} and {@code DIR/holdout.csv} (header {@code customer_id}). The same
 * campaign id and list always give the same bytes, and {@code campaign measure} re-derives the same split.
 */
@Command(name = "launch", description = "Split an audience file into treatment and holdout by the stable hash.")
final class CampaignLaunchCommand implements Callable<Integer> {
    @Option(names = "--audience", required = true, description = "Customer ids, one a line, header customer_id.")
    Path audience;

    @Option(names = "--campaign", required = true, description = "Campaign id (seeds the stable split).")
    String campaign;

    @Option(names = "--holdout", defaultValue = "0.1", description = "Share held out (default 0.1).")
    double holdout;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(holdout > 0 && holdout < 1)) {
            throw new UsageException("--holdout must be between 0 and 1 (exclusive), was " + holdout);
        }
        HoldoutAssignment.Split split = HoldoutAssignment.split(campaign,
                CampaignMeasureCommand.readAudience(audience), holdout);
        Files.createDirectories(out);
        Files.write(out.resolve("treatment.csv"), ids(split.treatment()));
        Files.write(out.resolve("holdout.csv"), ids(split.holdout()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("campaign", campaign);
        result.put("members", split.members());
        result.put("treatment", split.treatment().size());
        result.put("holdout", split.holdout().size());
        result.put("out", out.toAbsolutePath().toString());
        Output.result(result);
        return 0;
    }

    private static byte[] ids(List<String> ids) {
        StringBuilder csv = new StringBuilder("customer_id\n");
        ids.forEach(id -> csv.append(AudienceExports.field(id)).append('\n'));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
