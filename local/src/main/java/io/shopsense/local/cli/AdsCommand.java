package io.shopsense.local.cli;

import picocli.CommandLine.Command;

/** {@code ads plan | evaluate | simulate}: the ads code of optimize-ads on local files. */
@Command(name = "ads", description = "Plan ad budgets, judge slot policies offline, simulate the planner.",
        subcommands = {AdsPlanCommand.class, AdsEvaluateCommand.class, AdsSimulateCommand.class})
final class AdsCommand {
}
