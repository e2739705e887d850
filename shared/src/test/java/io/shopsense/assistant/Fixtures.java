package io.shopsense.assistant;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Loads the fixtures under {@code src/test/resources/assistant/} (see the NOTICE there). */
final class Fixtures {
    static final String CONTACT = "hello@littlegiftshop.example";
    private static final DateTimeFormatter RETAIL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/assistant/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource assistant/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Passage> faq() {
        List<Passage> passages = new ArrayList<>(FaqParser.parse("faq.md", text("faq.md")));
        passages.addAll(FaqParser.parse("faq.csv", text("faq.csv")));
        return passages;
    }

    /** Real Online Retail products; stock and product flags as set in the fixture. */
    static List<Item> catalogue() {
        List<List<String>> rows = Csv.parse(text("catalogue.csv"));
        List<Item> items = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            items.add(new Item(row.get(0), row.get(1), null, Double.parseDouble(row.get(2)),
                    Boolean.parseBoolean(row.get(3)), Boolean.parseBoolean(row.get(4))));
        }
        return items;
    }

    /**
     * Real Online Retail invoice lines as the cleaner would emit them: customer ids without {@code .0}, cancellations
     * (negative quantities) as refunds with positive units, times read in London.
     */
    static List<Event> orderEvents() {
        List<List<String>> rows = Csv.parse(text("orders.csv"));
        List<Event> events = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int quantity = Integer.parseInt(row.get(3));
            events.add(new Event(
                    "e" + r, row.get(6).replace(".0", ""), row.get(1),
                    quantity < 0 ? EventType.REFUND : EventType.PURCHASE, Math.abs(quantity),
                    Double.parseDouble(row.get(5)), "GBP",
                    LocalDateTime.parse(row.get(4), RETAIL_TIME).atZone(ZoneId.of("Europe/London")).toInstant(),
                    row.get(0), null, null, "orders.csv", r));
        }
        return events;
    }

    static Assistant assistant() {
        return Assistant.create(faq(), catalogue(), AssistantConfig.withContact(CONTACT));
    }
}
