package io.shopsense.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.clean.HeldItem;
import io.shopsense.clean.OrderBook;
import io.shopsense.clean.TaobaoOrder;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ObjectStore.ObjectInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Taobao order index in the bucket (docs/architecture.md §3), so that an item report (宝贝报表) and its order
 * report (订单报表) may arrive in either order. Each upload writes only its own objects, whole, under
 * {@code manifests/orders/}: the orders it read ({@code {sourceId}.orders.jsonl}: order id, buyer pseudonym, time,
 * state; nothing personal), the item rows it held ({@code .held.jsonl}) and the earlier held rows it settled
 * ({@code .settled.jsonl}). A reader merges every upload's objects but its own, so a re-delivered or retried upload
 * sees what it saw the first time and rewrites the same bytes, and no two uploads ever write the same key.
 */
public final class OrderIndex {
    private final ObjectStore store;
    private final Duration holdWindow;

    public OrderIndex(ObjectStore store, Duration holdWindow) {
        this.store = store;
        this.holdWindow = holdWindow;
    }

    /** The book one upload cleans with: the other uploads' state, loaded on its first Taobao row. */
    public OrderBook bookFor(String sourceId) {
        return new OrderBook(() -> load(sourceId), holdWindow);
    }

    /** Item rows held by any upload and settled by none: the rows a run of uploads leaves waiting. */
    public List<HeldItem> stillHeld() {
        return load(null).held();
    }

    /** Writes what the upload's run added; call after its clean rows, before its manifest. */
    void publish(String sourceId, OrderBook book) {
        if (!book.addedOrders().isEmpty()) {
            put(Layout.orderIndexKey(sourceId, Layout.ORDERS_PART), book.addedOrders().values(), OrderIndex::order);
        }
        if (!book.heldItems().isEmpty()) {
            put(Layout.orderIndexKey(sourceId, Layout.HELD_PART), book.heldItems(), OrderIndex::held);
        }
        if (!book.settledItems().isEmpty()) {
            put(Layout.orderIndexKey(sourceId, Layout.SETTLED_PART), book.settledItems(),
                    h -> Json.MAPPER.createObjectNode().put("key", h.key()));
        }
    }

    /**
     * Erasure: every indexed order of an erased buyer keeps only its id, marked erased, so its item rows (held or
     * still to come) are dropped as {@code ERASED} rather than becoming anyone's purchases. Returns the orders marked.
     */
    long forget(java.util.function.Predicate<String> erased) {
        long marked = 0;
        for (ObjectInfo info : store.list(Layout.ORDER_INDEX)) {
            Layout.OrderIndexObject object = Layout.orderIndexObject(info.key());
            if (object == null || !object.part().equals(Layout.ORDERS_PART)) {
                continue;
            }
            List<JsonNode> rows = new ArrayList<>();
            read(info.key(), rows::add);
            boolean changed = false;
            List<JsonNode> kept = new ArrayList<>(rows.size());
            for (JsonNode row : rows) {
                String user = row.path("userId").asText(null);
                if (user != null && erased.test(user)) {
                    kept.add(Json.MAPPER.createObjectNode().put("orderId", row.path("orderId").asText())
                            .put("erased", true));
                    marked++;
                    changed = true;
                } else {
                    kept.add(row);
                }
            }
            if (changed) {
                put(info.key(), kept, n -> n);
            }
        }
        return marked;
    }

    private OrderBook.Earlier load(String ownSourceId) {
        List<ObjectInfo> objects = new ArrayList<>(store.list(Layout.ORDER_INDEX));
        // oldest first, so a later report's row for the same order wins
        objects.sort(Comparator.comparingLong(ObjectInfo::lastModifiedMillis).thenComparing(ObjectInfo::key));
        Map<String, TaobaoOrder> orders = new HashMap<>();
        List<HeldItem> held = new ArrayList<>();
        Set<String> settled = new HashSet<>();
        for (ObjectInfo info : objects) {
            Layout.OrderIndexObject object = Layout.orderIndexObject(info.key());
            if (object == null || object.sourceId().equals(ownSourceId)) {
                continue; // our own objects from an interrupted run: we are rebuilding them
            }
            switch (object.part()) {
                case Layout.ORDERS_PART -> read(info.key(), n -> {
                    if (n.path("erased").asBoolean()) {
                        orders.put(n.path("orderId").asText(), new TaobaoOrder(n.path("orderId").asText(), null,
                                java.time.Instant.EPOCH, TaobaoOrder.State.ERASED));
                        return;
                    }
                    TaobaoOrder o = new TaobaoOrder(n.path("orderId").asText(), n.path("userId").asText(null),
                            java.time.Instant.parse(n.path("ts").asText()),
                            TaobaoOrder.State.valueOf(n.path("state").asText()));
                    orders.put(o.orderId(), o);
                });
                case Layout.HELD_PART -> read(info.key(), n -> held.add(new HeldItem(n.path("sourceId").asText(),
                        n.path("row").asLong(), java.time.Instant.parse(n.path("heldAt").asText()),
                        n.path("orderId").asText(), n.path("itemId").asText(), n.path("title").asText(null),
                        n.path("quantity").asLong(), n.path("unitPrice").asDouble(), n.path("evidence").asText())));
                case Layout.SETTLED_PART -> read(info.key(), n -> settled.add(n.path("key").asText()));
                default -> { }
            }
        }
        held.removeIf(h -> settled.contains(h.key()));
        held.sort(Comparator.comparing(HeldItem::heldAt).thenComparing(HeldItem::sourceId)
                .thenComparingLong(HeldItem::row));
        return new OrderBook.Earlier(orders, held);
    }

    private static JsonNode order(TaobaoOrder o) {
        return Json.MAPPER.createObjectNode().put("orderId", o.orderId()).put("userId", o.userId())
                .put("ts", o.ts().toString()).put("state", o.state().name());
    }

    private static JsonNode held(HeldItem h) {
        return Json.MAPPER.createObjectNode().put("sourceId", h.sourceId()).put("row", h.row())
                .put("heldAt", h.heldAt().toString()).put("orderId", h.orderId()).put("itemId", h.itemId())
                .put("title", h.title()).put("quantity", h.quantity()).put("unitPrice", h.unitPrice())
                .put("evidence", h.evidence());
    }

    private <T> void put(String key, Iterable<T> rows, java.util.function.Function<T, JsonNode> toJson) {
        StringBuilder b = new StringBuilder();
        for (T row : rows) {
            b.append(Json.write(toJson.apply(row))).append('\n');
        }
        store.put(key, b.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    }

    private void read(String key, Consumer<JsonNode> each) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(store.open(key), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    each.accept(Json.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key, e);
        }
    }
}
