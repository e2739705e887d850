package io.shopsense.local.cloud;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or {@code cron(min hour day-of-month month
 * day-of-week year)} in UTC. Cron fields take {@code *}, {@code ?}, numbers, names (JAN, MON), ranges, lists and
 * steps; day-of-week counts 1 = SUN … 7 = SAT as EventBridge does. {@code L}, {@code W} and {@code #} are refused
 * with a message rather than misread.
 */
public final class ScheduleExpression {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minutes?|hours?|days?)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final Duration rate;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;

    private ScheduleExpression(String text, Duration rate, BitSet[] fields) {
        this.text = text;
        this.rate = rate;
        this.minutes = fields == null ? null : fields[0];
        this.hours = fields == null ? null : fields[1];
        this.daysOfMonth = fields == null ? null : fields[2];
        this.months = fields == null ? null : fields[3];
        this.daysOfWeek = fields == null ? null : fields[4];
        this.years = fields == null ? null : fields[5];
    }

    public static ScheduleExpression parse(String expression) {
        String text = expression.trim();
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            if (amount <= 0) {
                throw new IllegalArgumentException("rate must be positive: " + expression);
            }
            ChronoUnit unit = rate.group(2).startsWith("minute") ? ChronoUnit.MINUTES
                    : rate.group(2).startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            return new ScheduleExpression(text, Duration.of(amount, unit), null);
        }
        Matcher cron = CRON.matcher(text);
        if (!cron.matches()) {
            throw new IllegalArgumentException("not a schedule expression (rate(...) or cron(...)): " + expression);
        }
        String[] parts = cron.group(1).trim().split("\\s+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("cron needs 6 fields (min hour day month weekday year): " + expression);
        }
        BitSet[] fields = {
                field(parts[0], 0, 59, List.of(), 0),
                field(parts[1], 0, 23, List.of(), 0),
                field(parts[2], 1, 31, List.of(), 0),
                field(parts[3], 1, 12, MONTHS, 1),
                field(parts[4], 1, 7, DAYS, 1),
                field(parts[5], 1970, 2199, List.of(), 0)};
        return new ScheduleExpression(text, null, fields);
    }

    /** The first firing strictly after {@code after} (UTC); rates fire one period after the schedule starts. */
    public ZonedDateTime nextAfter(ZonedDateTime after) {
        ZonedDateTime utc = after.withZoneSameInstant(ZoneOffset.UTC);
        if (rate != null) {
            return utc.plus(rate);
        }
        ZonedDateTime candidate = utc.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = candidate.plusYears(5);
        while (candidate.isBefore(limit)) {
            if (!years.get(candidate.getYear()) || !months.get(candidate.getMonthValue())) {
                candidate = candidate.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
                continue;
            }
            int dayOfWeek = candidate.getDayOfWeek().getValue() % 7 + 1; // java MON=1..SUN=7 → SUN=1..SAT=7
            if (!daysOfMonth.get(candidate.getDayOfMonth()) || !daysOfWeek.get(dayOfWeek)) {
                candidate = candidate.plusDays(1).withHour(0).withMinute(0);
                continue;
            }
            if (!hours.get(candidate.getHour())) {
                candidate = candidate.plusHours(1).withMinute(0);
                continue;
            }
            if (minutes.get(candidate.getMinute())) {
                return candidate;
            }
            candidate = candidate.plusMinutes(1);
        }
        throw new IllegalStateException(text + " never fires in the next five years");
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String spec, int min, int max, List<String> names, int nameBase) {
        BitSet set = new BitSet(max + 1);
        for (String part : spec.toUpperCase(Locale.ROOT).split(",")) {
            if (part.contains("L") && !names.contains(part) || part.contains("W") && !names.contains(part)
                    || part.contains("#")) {
                throw new IllegalArgumentException("cron field '" + spec + "' uses L, W or #, which the local cloud"
                        + " does not support");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-");
                from = value(bounds[0], names, nameBase);
                to = value(bounds[1], names, nameBase);
            } else {
                from = value(range, names, nameBase);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to || step <= 0) {
                throw new IllegalArgumentException("cron field '" + spec + "' is outside " + min + ".." + max);
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int value(String token, List<String> names, int nameBase) {
        int index = names.indexOf(token);
        return index >= 0 ? index + nameBase : Integer.parseInt(token);
    }
}
