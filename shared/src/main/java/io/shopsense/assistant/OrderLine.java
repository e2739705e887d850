package io.shopsense.assistant;

/**
 * One item of an order, its units summed over the order's events.
 *
 * @param title the catalogue title, or the item id when the catalogue does not know the item
 */
public record OrderLine(String itemId, String title, int quantity, double unitPrice) {
}
