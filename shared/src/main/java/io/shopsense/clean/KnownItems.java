package io.shopsense.clean;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The items a shop's catalogue lists, for checking that a review names a real item. Loaded lazily (only a reviews
 * upload asks), once per upload. {@link #UNKNOWN} stands for "no catalogue uploaded yet": then nothing can be checked
 * and every well-formed item id is accepted.
 */
public interface KnownItems {
    /** No catalogue to check against. */
    KnownItems UNKNOWN = new KnownItems() {
        @Override
        public boolean checkable() {
            return false;
        }

        @Override
        public boolean lists(String itemId) {
            return true;
        }
    };

    /** Whether a catalogue is known, so {@link #lists} means something. */
    boolean checkable();

    /** Whether the catalogue lists {@code itemId} (always true when not {@link #checkable}). */
    boolean lists(String itemId);

    /** The items of a catalogue loaded on first use; an empty set means no catalogue. */
    static KnownItems lazily(Supplier<Set<String>> load) {
        return new KnownItems() {
            private Set<String> items;

            private Set<String> items() {
                if (items == null) {
                    items = Set.copyOf(load.get());
                }
                return items;
            }

            @Override
            public boolean checkable() {
                return !items().isEmpty();
            }

            @Override
            public boolean lists(String itemId) {
                return !checkable() || items().contains(itemId);
            }
        };
    }
}
