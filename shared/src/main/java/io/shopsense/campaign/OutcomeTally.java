package io.shopsense.campaign;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each member's purchases inside a window, from clean events: the first purchase day (conversion), distinct orders
 * and net revenue (refunds subtract). Events of people outside the campaign and outside the window are ignored.
 */
public final class OutcomeTally {
    private final CampaignWindow window;
    private final Map<String, int[]> firstDayAndOrders = new HashMap<>();
    private final Map<String, Set<String>> orderIds = new HashMap<>();
    private final Map<String, Double> revenue = new HashMap<>();
    private final Set<String> members;

    public OutcomeTally(CampaignWindow window, Collection<String> members) {
        this.window = window;
        this.members = new HashSet<>(members);
    }

    public void add(Event event) {
        if (event.userId() == null || !members.contains(event.userId())) {
            return;
        }
        if (event.type() != EventType.PURCHASE && event.type() != EventType.REFUND) {
            return;
        }
        int day = window.dayOf(LocalDate.ofInstant(event.ts(), ZoneOffset.UTC));
        if (day < 0) {
            return;
        }
        revenue.merge(event.userId(), event.amount(), Double::sum);
        if (event.type() == EventType.PURCHASE) {
            int[] firstDay = firstDayAndOrders.computeIfAbsent(event.userId(), id -> new int[] {day});
            firstDay[0] = Math.min(firstDay[0], day);
            // An order is its id; a row without one counts as an order of its own instant.
            String order = event.orderId() != null ? event.orderId() : "ts:" + event.ts();
            orderIds.computeIfAbsent(event.userId(), id -> new HashSet<>()).add(order);
        }
    }

    public OutcomeTally addAll(Iterable<Event> events) {
        events.forEach(this::add);
        return this;
    }

    /** Every member's outcome, members without a purchase included (as {@link MemberOutcome#none}). */
    public Map<String, MemberOutcome> outcomes() {
        Map<String, MemberOutcome> out = new LinkedHashMap<>();
        for (String id : new java.util.TreeSet<>(members)) {
            int[] firstDay = firstDayAndOrders.get(id);
            out.put(id, new MemberOutcome(id, firstDay == null ? MemberOutcome.NEVER : firstDay[0],
                    orderIds.getOrDefault(id, Set.of()).size(), revenue.getOrDefault(id, 0.0)));
        }
        return out;
    }

    /** Customers with a purchase before {@code day}: the audience of a retrospective campaign launched that day. */
    public static Set<String> buyersBefore(Iterable<Event> events, LocalDate day) {
        Set<String> buyers = new java.util.TreeSet<>();
        for (Event event : events) {
            if (event.userId() != null && event.type() == EventType.PURCHASE
                    && LocalDate.ofInstant(event.ts(), ZoneOffset.UTC).isBefore(day)) {
                buyers.add(event.userId());
            }
        }
        return buyers;
    }
}
