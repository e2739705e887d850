package io.shopsense.local.cli;

import io.shopsense.local.LocalSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./shopsense}: a thin shell over the code the functions run. Exit 0 on success, 2 on bad usage or unreadable
 * input (with a one-line reason), 1 on any other failure.
 */
// scope INHERIT: every subcommand, however deep, answers --help (and --version).
@Command(name = "shopsense", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "shopsense 0.1.0",
        description = "AI marketing for small online shops, on a laptop or on AWS.",
        subcommands = {LocalCommand.class, InvokeCommand.class, CleanCommand.class, ProfilesCommand.class,
                ClvCommand.class, RecsCommand.class, AudiencesCommand.class, AdsCommand.class, CampaignCommand.class,
                DemoCommand.class, BenchCommand.class, TokenCommand.class, SparkCommand.class, LogsCommand.class})
public final class ShopsenseCli {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (tests call this without exiting). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new ShopsenseCli());
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            if (failure instanceof UsageException || failure instanceof java.nio.file.NoSuchFileException) {
                System.err.println("shopsense: " + failure.getMessage());
                return EXIT_USAGE;
            }
            System.err.println("shopsense: " + cmd.getCommandName() + " failed: " + failure);
            if (LocalSettings.debug()) {
                failure.printStackTrace();
            }
            return EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }
}
