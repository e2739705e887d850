package io.shopsense.assistant;

import java.util.Objects;

/**
 * One unit the assistant can answer from: an FAQ entry, a catalogue line or a summary of a customer's orders.
 *
 * @param source where it comes from
 * @param id     stable id within its source: {@code faq.md#3} for the third FAQ entry of {@code faq.md}, the item id
 *               for a catalogue line, the order id (or {@code orders}) for order summaries
 * @param title  the FAQ question, the product title, or a short heading; indexed together with {@code text}
 * @param text   the answer as the shop wrote it, or the rendered product or order line
 */
public record Passage(PassageSource source, String id, String title, String text) {
    public Passage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    /** The text the retrieval index sees: the title (question) and the body together. */
    public String indexedText() {
        return title.isEmpty() ? text : title + "\n" + text;
    }
}
