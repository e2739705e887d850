package io.shopsense.clean;

import java.util.List;

/**
 * The canonical event line's fields (docs/architecture.md §3), by name and in the order every line has them: the one
 * table that {@link CanonicalJson}'s writer and reader and the hot-path {@link EventLineWriter} spell a
 * {@code clean/events/} line from. {@code EventLineGoldenTest} holds all three to one golden line over every field, and
 * this table to the components of {@link io.shopsense.model.Event}.
 */
final class EventFields {
    static final String EVENT_ID = "eventId";
    static final String USER_ID = "userId";
    static final String ITEM_ID = "itemId";
    static final String TYPE = "type";
    static final String QUANTITY = "quantity";
    static final String UNIT_PRICE = "unitPrice";
    static final String CURRENCY = "currency";
    static final String TS = "ts";
    static final String ORDER_ID = "orderId";
    static final String CHANNEL = "channel";
    static final String SESSION_ID = "sessionId";
    static final String SOURCE_ID = "sourceId";
    static final String SOURCE_ROW = "sourceRow";

    /** Every field, in line order. */
    static final List<String> IN_ORDER = List.of(EVENT_ID, USER_ID, ITEM_ID, TYPE, QUANTITY, UNIT_PRICE, CURRENCY, TS,
            ORDER_ID, CHANNEL, SESSION_ID, SOURCE_ID, SOURCE_ROW);

    // What precedes each value in a line: the first opens the object, the others follow a comma.
    static final String EVENT_ID_KEY = key(EVENT_ID);
    static final String USER_ID_KEY = key(USER_ID);
    static final String ITEM_ID_KEY = key(ITEM_ID);
    static final String TYPE_KEY = key(TYPE);
    static final String QUANTITY_KEY = key(QUANTITY);
    static final String UNIT_PRICE_KEY = key(UNIT_PRICE);
    static final String CURRENCY_KEY = key(CURRENCY);
    static final String TS_KEY = key(TS);
    static final String ORDER_ID_KEY = key(ORDER_ID);
    static final String CHANNEL_KEY = key(CHANNEL);
    static final String SESSION_ID_KEY = key(SESSION_ID);
    static final String SOURCE_ID_KEY = key(SOURCE_ID);
    static final String SOURCE_ROW_KEY = key(SOURCE_ROW);

    private EventFields() {
    }

    /** {@code {"eventId":} for the first field, {@code ,"name":} for the others. */
    static String key(String name) {
        return (name.equals(EVENT_ID) ? "{\"" : ",\"") + name + "\":";
    }
}
