package io.shopsense.model;

import java.util.Objects;

/**
 * One catalogue row. {@code isProduct} is false for lines that are not goods (postage, fees, vouchers), which
 * are never recommended.
 */
public record Item(String itemId, String title, String category, double price, boolean inStock, boolean isProduct) {
    public Item {
        Objects.requireNonNull(itemId, "itemId");
    }
}
