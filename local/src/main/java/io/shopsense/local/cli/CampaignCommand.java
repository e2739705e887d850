package io.shopsense.local.cli;

import picocli.CommandLine.Command;

/**
 * {@code campaign plan | launch | measure | simulate}: the campaign code of launch-campaign and measure-campaigns on
 * files.
 */
@Command(name = "campaign", description = "Plan, split and measure a campaign against its holdout; prove the statistics.",
        subcommands = {CampaignPlanCommand.class, CampaignLaunchCommand.class, CampaignMeasureCommand.class,
                CampaignSimulateCommand.class})
final class CampaignCommand {
}
