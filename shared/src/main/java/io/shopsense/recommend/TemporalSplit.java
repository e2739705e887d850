package io.shopsense.recommend;

import io.shopsense.model.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A temporal hold-out: events strictly before {@code splitAt} train, events at or after it test. */
public record TemporalSplit(List<Event> train, List<Event> test, Instant splitAt) {

    public TemporalSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** Splits {@code events} at {@code splitAt}. */
    public static TemporalSplit at(List<Event> events, Instant splitAt) {
        List<Event> train = new ArrayList<>();
        List<Event> test = new ArrayList<>();
        for (Event e : events) {
            (e.ts().isBefore(splitAt) ? train : test).add(e);
        }
        return new TemporalSplit(train, test, splitAt);
    }
}
