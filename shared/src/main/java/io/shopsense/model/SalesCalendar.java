package io.shopsense.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's big sales days, in its own time zone: days whose sales spike because the whole market shops (双11, 618,
 * Chinese New Year), not because an item caught on. Trending leaves them out of its windows and the ad planner leaves
 * them out of an ordinary day's history, so a spike on 11-11 is not read as a trend on 11-12.
 *
 * <p>Configured as text ({@code SALES_CALENDAR}): {@code none}; {@code china} (双11 11-11, 双12 12-12, 618 06-18 every
 * year, and 春节, Chinese New Year's day, for 2010–2035); entries {@code MM-DD=name} (every year) or
 * {@code YYYY-MM-DD=name}; comma-separated and combinable: {@code china,08-08=店庆}.
 */
public final class SalesCalendar {
    /** No sales days: every day is ordinary. */
    public static final SalesCalendar NONE = new SalesCalendar(Map.of(), Map.of(), ZoneId.of("UTC"), "none");

    /** Chinese New Year's day (the first day of the first lunar month), 2010–2035. */
    private static final String[] CHINESE_NEW_YEAR = {
        "2010-02-14", "2011-02-03", "2012-01-23", "2013-02-10", "2014-01-31", "2015-02-19", "2016-02-08",
        "2017-01-28", "2018-02-16", "2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22",
        "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03",
        "2031-01-23", "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08"};

    private final Map<MonthDay, String> yearly;
    private final Map<LocalDate, String> dated;
    private final ZoneId zone;
    private final String spec;

    private SalesCalendar(Map<MonthDay, String> yearly, Map<LocalDate, String> dated, ZoneId zone, String spec) {
        this.yearly = Collections.unmodifiableMap(yearly);
        this.dated = Collections.unmodifiableMap(dated);
        this.zone = zone;
        this.spec = spec;
    }

    /** The default Chinese calendar in Asia/Shanghai: 双11, 双12, 618 and 春节. */
    public static SalesCalendar china() {
        return parse("china", ZoneId.of("Asia/Shanghai"));
    }

    /**
     * Reads the configured text (see the class comment); blank means none.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code none}, {@code china} or a dated entry
     */
    public static SalesCalendar parse(String spec, ZoneId zone) {
        Map<MonthDay, String> yearly = new LinkedHashMap<>();
        Map<LocalDate, String> dated = new LinkedHashMap<>();
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (String raw : spec == null ? new String[0] : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.equalsIgnoreCase("none")) {
                continue;
            }
            entries.add(entry);
            if (entry.equalsIgnoreCase("china")) {
                yearly.put(MonthDay.of(11, 11), "双11");
                yearly.put(MonthDay.of(12, 12), "双12");
                yearly.put(MonthDay.of(6, 18), "618");
                for (String day : CHINESE_NEW_YEAR) {
                    dated.put(LocalDate.parse(day), "春节");
                }
                continue;
            }
            int eq = entry.indexOf('=');
            String day = eq < 0 ? entry : entry.substring(0, eq).strip();
            String name = eq < 0 ? day : entry.substring(eq + 1).strip();
            try {
                if (day.length() == 5) {
                    yearly.put(MonthDay.parse("--" + day), name);
                } else {
                    dated.put(LocalDate.parse(day), name);
                }
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("sales calendar entry '" + entry
                        + "' is not none, china, MM-DD=name or YYYY-MM-DD=name");
            }
        }
        return yearly.isEmpty() && dated.isEmpty() ? new SalesCalendar(Map.of(), Map.of(), zone, "none")
                : new SalesCalendar(yearly, dated, zone, String.join(",", entries));
    }

    /**
     * The inverse of {@link #toString()} ({@code spec@zone}): a calendar written with the settings it belongs to
     * (a model artefact, a handed-off build's Spark job) reads back as it was configured.
     */
    public static SalesCalendar parseWithZone(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("sales calendar '" + text + "' names no zone (spec@zone)");
        }
        try {
            return parse(text.substring(0, at), ZoneId.of(text.substring(at + 1)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("sales calendar '" + text + "' names an unknown zone");
        }
    }

    /** The shop's zone, in which a sales day runs from midnight to midnight. */
    public ZoneId zone() {
        return zone;
    }

    /** Whether no day is a sales day. */
    public boolean isEmpty() {
        return yearly.isEmpty() && dated.isEmpty();
    }

    /** The sale on {@code day} (a dated entry first, then a yearly one), if any. */
    public Optional<String> saleOn(LocalDate day) {
        String name = dated.get(day);
        return Optional.ofNullable(name != null ? name : yearly.get(MonthDay.from(day)));
    }

    public boolean isSaleDay(LocalDate day) {
        return !isEmpty() && saleOn(day).isPresent();
    }

    /** Whether the instant falls on a sales day in the shop's zone. */
    public boolean isSaleDay(java.time.Instant at) {
        return !isEmpty() && isSaleDay(LocalDate.ofInstant(at, zone));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SalesCalendar other && yearly.equals(other.yearly) && dated.equals(other.dated)
                && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return yearly.hashCode() * 31 + dated.hashCode();
    }

    /** The calendar as configured ({@code none}, {@code china,08-08=店庆}, …) and its zone: {@code spec@zone}. */
    @Override
    public String toString() {
        return spec + "@" + zone;
    }
}
