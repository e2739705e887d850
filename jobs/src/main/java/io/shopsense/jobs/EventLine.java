package io.shopsense.jobs;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One canonical event line with where it was read: the file and its position in it. Sorting by both gives the order in
 * which the command line (and the functions) read {@code clean/events/}: keys in order, lines in order.
 */
record EventLine(String file, long position, String json) implements Serializable, Comparable<EventLine> {
    private static final Comparator<EventLine> READ_ORDER = Comparator.comparing(EventLine::file)
            .thenComparingLong(EventLine::position);

    @Override
    public int compareTo(EventLine other) {
        return READ_ORDER.compare(this, other);
    }
}
