package io.shopsense.model;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item id → the catalogue's name and price: the one lookup every part that shows items to a person uses
 * (recommendation lists and similar items when they are built, campaign exports, the demo), so a shop owner reads
 * "西湖龙井 明前特级 250g" or "WHITE HANGING HEART T-LIGHT HOLDER" beside {@code 85123A}. Built once from the catalogue
 * rows at hand; later rows for the same item win, as they do where the catalogue is loaded.
 */
public final class ItemNames {
    private final Map<String, Item> byId;

    private ItemNames(Map<String, Item> byId) {
        this.byId = byId;
    }

    /** The lookup over {@code catalogue}. */
    public static ItemNames of(Collection<Item> catalogue) {
        Map<String, Item> byId = new HashMap<>(catalogue.size() * 2);
        for (Item item : catalogue) {
            byId.put(item.itemId(), item);
        }
        return new ItemNames(byId);
    }

    /** The item's title, or null when the catalogue does not list it or gives no title. */
    public String name(String itemId) {
        Item item = byId.get(itemId);
        return item == null || item.title() == null || item.title().isBlank() ? null : item.title();
    }

    /** The item's price when the catalogue knows a positive one, else null. */
    public Double price(String itemId) {
        Item item = byId.get(itemId);
        return item == null || !(item.price() > 0) ? null : item.price();
    }

    /** How a person should read the item: {@code name (id)}, or the id alone when it has no name. */
    public String label(String itemId) {
        String name = name(itemId);
        return name == null ? itemId : name + " (" + itemId + ")";
    }

    /** The item's category, or {@link Recommendation#NO_CATEGORY} when the catalogue does not list it or gives none. */
    public String category(String itemId) {
        Item item = byId.get(itemId);
        return item == null || item.category() == null ? Recommendation.NO_CATEGORY : item.category();
    }

    /** {@code r} with the item's current name, price and category (the API's category filter reads it there). */
    public Recommendation named(Recommendation r) {
        return new Recommendation(r.itemId(), r.score(), r.reason(), name(r.itemId()), price(r.itemId()),
                category(r.itemId()));
    }

    public List<Recommendation> named(List<Recommendation> list) {
        return list.stream().map(this::named).toList();
    }

    public UserRecommendations named(UserRecommendations list) {
        return new UserRecommendations(list.userId(), list.algorithm(), named(list.items()));
    }

    public SimilarItems named(SimilarItems list) {
        return new SimilarItems(list.itemId(), named(list.similar()), list.rating());   // the rating stays (issue #17)
    }
}
