package io.shopsense.pipeline;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.RowKind;
import io.shopsense.model.Review;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the shop's reviews back from {@code clean/reviews/} (issue #17), every upload's, in key order; a customer who
 * reviewed an item again counts with the latest where they are used ({@link io.shopsense.recommend.ItemRatings}).
 * Reviews of erased customers are left out (the forget sweep removes them; this covers the moment between).
 */
public final class ReviewRows {
    /** The clean kind, {@code clean/reviews/}. */
    public static final String KIND = RowKind.REVIEWS.prefix();
    public static final String PREFIX = Layout.cleanPrefix(KIND);

    private ReviewRows() {
    }

    /** Every review; {@code erased} says which customers' reviews to leave out. */
    public static List<Review> read(ObjectStore store, java.util.function.Predicate<String> erased)
            throws IOException {
        List<Review> all = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : TrainingData.cleanObjects(store, PREFIX)) {
            all.addAll(CleanRows.read(store, info.key(), CanonicalJson::readReview));
        }
        return all.stream().filter(r -> r.isAnonymous() || !erased.test(r.userId())).toList();
    }
}
