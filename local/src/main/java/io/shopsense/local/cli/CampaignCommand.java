package io.shopsense.local.cli;

import picocli.CommandLine.Command;

/** {@code campaign measure | simulate}: the campaign statistics of launch-campaign and measure-campaigns on files. */
@Command(name = "campaign", description = "Measure a campaign's uplift over its holdout; prove the statistics.",
        subcommands = {CampaignMeasureCommand.class, CampaignSimulateCommand.class})
final class CampaignCommand {
}
