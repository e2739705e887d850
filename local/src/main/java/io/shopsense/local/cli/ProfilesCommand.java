package io.shopsense.local.cli;

import io.shopsense.model.Segment;
import io.shopsense.pipeline.ResultLines;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.profile.ProfileRebuild;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code profiles --events PATH --as-of DATE --out FILE}: the nightly rebuild's code over local events. */
@Command(name = "profiles", description = "Build every customer's profile as of a date, as JSON Lines.")
final class ProfilesCommand implements Callable<Integer> {
    @Option(names = "--events", required = true, description = "Clean output directory or raw export file.")
    Path events;

    @Option(names = "--as-of", required = true, description = "Profile date (YYYY-MM-DD); later events are ignored.")
    String asOf;

    @Option(names = "--out", required = true, description = "JSON Lines output, one profile per line.")
    Path out;

    @Option(names = "--format", description = "Force the export format when --events is a raw file.")
    String format;

    @Override
    public Integer call() throws Exception {
        LocalDate date = parseDate(asOf);
        EventsInput input = EventsInput.load(events, EventsInput.format(format), ZoneOffset.UTC);
        var upToDate = input.events().stream()
                .filter(e -> !e.ts().atOffset(ZoneOffset.UTC).toLocalDate().isAfter(date)).toList();
        long started = System.nanoTime();
        ProfileRebuild.Result result = new ProfileRebuild(ProfileConfig.defaults()).rebuild(upToDate, date);
        double seconds = (System.nanoTime() - started) / 1e9;
        ResultLines.writeProfiles(out, result.profiles());
        Map<String, Integer> segments = new TreeMap<>();
        for (Map.Entry<Segment, Integer> e : result.segmentCounts().entrySet()) {
            segments.put(e.getKey() == null ? "none (no purchase)" : e.getKey().label(), e.getValue());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("users", result.profiles().size());
        summary.put("segments", segments);
        summary.put("asOf", date.toString());
        summary.put("bgnbd", result.models().bgNbd() == null ? null : result.models().bgNbd().model());
        summary.put("gammaGamma", result.models().gammaGamma() == null ? null : result.models().gammaGamma().model());
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        summary.put("out", out.toAbsolutePath().toString());
        Output.result(summary);
        return 0;
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("not a date (YYYY-MM-DD): " + text);
        }
    }
}
