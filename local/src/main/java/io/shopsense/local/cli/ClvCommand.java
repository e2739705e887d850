package io.shopsense.local.cli;

import io.shopsense.profile.BgNbdFit;
import io.shopsense.profile.BgNbdFitter;
import io.shopsense.profile.GammaGammaFit;
import io.shopsense.profile.GammaGammaFitter;
import io.shopsense.profile.TransactionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.TreeMap;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clv fit}: BG/NBD and Gamma-Gamma maximum likelihood over a transaction file's calibration period. */
@Command(name = "clv", description = "Customer lifetime value models.", subcommands = ClvCommand.Fit.class)
final class ClvCommand {

    /**
     * The CDNOW log read as the CLV literature reads it (Fader, Hardie and Lee 2005): every line is a transaction,
     * including $0 ones and repeated identical lines, which the cleaner would reject as a free sale or a duplicate.
     */
    static Map<String, TreeMap<Integer, Double>> cdnowDailyValues(Path file) throws IOException {
        Map<String, TreeMap<Integer, Double>> daily = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            try {
                int day = (int) LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE).toEpochDay();
                daily.computeIfAbsent(f[0], k -> new TreeMap<>()).merge(day, Double.parseDouble(f[4]), Double::sum);
            } catch (RuntimeException malformed) {
                throw new UsageException("not a CDNOW line (customer, id, yyyymmdd, quantity, value): " + line);
            }
        }
        return daily;
    }

    @Command(name = "fit", description = "Fit BG/NBD and Gamma-Gamma by maximum likelihood.")
    static final class Fit implements Callable<Integer> {
        @Option(names = "--transactions", required = true, description = "Transactions (any export the cleaner reads).")
        Path transactions;

        @Option(names = "--calibration-end", required = true, description = "Last day of the calibration period.")
        String calibrationEnd;

        @Option(names = "--format", description = "Force the format, e.g. cdnow.")
        String format;

        @Override
        public Integer call() throws Exception {
            LocalDate end = ProfilesCommand.parseDate(calibrationEnd);
            TransactionSummary summary = "cdnow".equals(format)
                    ? TransactionSummary.fromDailyValues(cdnowDailyValues(transactions), end)
                    : TransactionSummary.fromEvents(
                            EventsInput.load(transactions, EventsInput.format(format), ZoneOffset.UTC).events(), end);
            BgNbdFit bg = new BgNbdFitter().fit(summary);
            GammaGammaFit gg = new GammaGammaFitter().fit(summary);
            Map<String, Object> bgnbd = new LinkedHashMap<>();
            bgnbd.put("r", bg.model().r());
            bgnbd.put("alpha", bg.model().alpha());
            bgnbd.put("a", bg.model().a());
            bgnbd.put("b", bg.model().b());
            bgnbd.put("logLik", bg.logLikelihood());
            bgnbd.put("customers", bg.customers());
            bgnbd.put("fitMillis", bg.fitMillis());
            Map<String, Object> gamma = new LinkedHashMap<>();
            gamma.put("p", gg.model().p());
            gamma.put("q", gg.model().q());
            gamma.put("gamma", gg.model().gamma());
            gamma.put("logLik", gg.logLikelihood());
            gamma.put("customers", gg.customers());
            gamma.put("fitMillis", gg.fitMillis());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bgnbd", bgnbd);
            result.put("gammaGamma", gamma);
            result.put("calibrationEnd", end.toString());
            Output.result(result);
            return 0;
        }
    }
}
