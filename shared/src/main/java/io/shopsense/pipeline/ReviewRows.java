package io.shopsense.pipeline;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.RowKind;
import io.shopsense.model.Review;
import io.shopsense.security.ErasedCustomers;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shop's reviews back from {@code clean/reviews/} (issue #17). One review per customer and item: a customer
 * who reviewed an item again (a later upload, an edited review) counts with the latest; anonymous reviews are each
 * their own. Reviews of erased customers are left out (the forget sweep removes them; this covers the moment between).
 */
public final class ReviewRows {
    /** The clean kind, {@code clean/reviews/}. */
    public static final String KIND = RowKind.REVIEWS.prefix();
    public static final String PREFIX = Layout.cleanPrefix(KIND);

    private ReviewRows() {
    }

    public static List<Review> read(ObjectStore store, ErasedCustomers erased) throws IOException {
        List<Review> all = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : TrainingData.cleanObjects(store, PREFIX)) {
            all.addAll(CleanRows.read(store, info.key(), CanonicalJson::readReview));
        }
        return latestPerCustomerAndItem(all, erased);
    }

    /** Each customer's latest review of each item (ties: the later one read), anonymous reviews all kept. */
    public static List<Review> latestPerCustomerAndItem(List<Review> reviews, ErasedCustomers erased) {
        Map<String, Review> latest = new LinkedHashMap<>();
        int anonymous = 0;
        for (Review r : reviews) {
            if (!r.isAnonymous() && erased.contains(r.userId())) {
                continue;
            }
            String key = r.isAnonymous() ? "\u0000" + anonymous++ : r.userId() + '\u001f' + r.itemId();
            latest.merge(key, r, (a, b) -> b.ts().isBefore(a.ts()) ? a : b);
        }
        return new ArrayList<>(latest.values());
    }
}
