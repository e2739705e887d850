package io.shopsense.clean;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The order index one cleaning run sees, so that a Taobao item report and its order report may arrive in either
 * order: orders named by earlier order reports, item rows earlier item reports held for want of their order, and what
 * this run adds (orders, held rows) and settles (held rows released or expired). Storage-free: the caller loads the
 * earlier state (lazily, on the first Taobao row) and publishes this run's additions with the upload's other outputs.
 */
public final class OrderBook {
    /** Held rows whose order has not arrived this long after their upload are rejected ({@code ORDER_NOT_FOUND}). */
    public static final Duration DEFAULT_HOLD_WINDOW = Duration.ofDays(14);

    /** What earlier uploads left: their orders by id and their held rows not yet settled, oldest first. */
    public record Earlier(Map<String, TaobaoOrder> orders, List<HeldItem> held) {
        public static final Earlier NONE = new Earlier(Map.of(), List.of());
    }

    private final Supplier<Earlier> loader;
    private final Duration holdWindow;
    private Earlier earlier;
    private final Map<String, TaobaoOrder> added = new LinkedHashMap<>();
    private final List<HeldItem> held = new ArrayList<>();
    private final List<HeldItem> settled = new ArrayList<>();

    public OrderBook(Supplier<Earlier> loader, Duration holdWindow) {
        this.loader = loader;
        this.holdWindow = holdWindow;
    }

    /** A book with no earlier uploads (one file cleaned on its own, in memory). */
    public static OrderBook empty() {
        return new OrderBook(() -> Earlier.NONE, DEFAULT_HOLD_WINDOW);
    }

    public Duration holdWindow() {
        return holdWindow;
    }

    private Earlier earlier() {
        if (earlier == null) {
            try {
                earlier = loader.get();
            } catch (RuntimeException e) {
                throw new CleanRun.OutputFailure(e); // the store failed: the caller's retry, not a row's reject
            }
        }
        return earlier;
    }

    Optional<TaobaoOrder> order(String orderId) {
        TaobaoOrder mine = added.get(orderId);
        return mine != null ? Optional.of(mine) : Optional.ofNullable(earlier().orders().get(orderId));
    }

    void add(TaobaoOrder order) {
        added.put(order.orderId(), order);
    }

    void hold(HeldItem item) {
        held.add(item);
    }

    List<HeldItem> heldEarlier() {
        return earlier().held();
    }

    void settle(HeldItem item) {
        settled.add(item);
    }

    /** Orders this run read, for the index. */
    public Map<String, TaobaoOrder> addedOrders() {
        return Collections.unmodifiableMap(added);
    }

    /** Rows this run held. */
    public List<HeldItem> heldItems() {
        return Collections.unmodifiableList(held);
    }

    /** Earlier held rows this run released or rejected. */
    public List<HeldItem> settledItems() {
        return Collections.unmodifiableList(settled);
    }
}
