package io.shopsense.assistant;

import io.shopsense.model.Item;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns catalogue rows into passages, so "do you have a jam jar?" or "how much is the doormat?" are answered from the
 * shop's own products. Non-products (postage, fees) and untitled rows are left out: nobody shops for them.
 */
public final class CataloguePassages {
    private CataloguePassages() {
    }

    /**
     * One passage per product: id = item id, title = product title, text = category, price and stock
     * ({@code "Category: Kitchen. Price £0.72. In stock."}); the words price and stock are in the text so questions
     * using them find products rather than losing weight to words no passage has.
     */
    public static List<Passage> of(List<Item> items, String currency) {
        List<Passage> out = new ArrayList<>(items.size());
        for (Item item : items) {
            if (!item.isProduct() || item.title() == null || item.title().isBlank()) {
                continue;
            }
            out.add(new Passage(PassageSource.CATALOGUE, item.itemId(), item.title().strip(), describe(item, currency)));
        }
        return out;
    }

    static String describe(Item item, String currency) {
        StringBuilder text = new StringBuilder();
        if (item.category() != null && !item.category().isBlank()) {
            text.append("Category: ").append(item.category().strip()).append(". ");
        }
        text.append("Price ").append(Money.format(item.price(), currency)).append(". ");
        text.append(item.inStock() ? "In stock." : "Out of stock.");
        return text.toString();
    }
}
