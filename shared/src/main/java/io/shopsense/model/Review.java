package io.shopsense.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One product review as cleaning writes it to {@code clean/reviews/}: who (a customer id or pseudonym; null for an
 * anonymous reviewer), which item, a star rating from 1 to 5, optional title and body (formula-looking text made
 * inert, e-mail addresses replaced by their pseudonyms), and when.
 *
 * @param reviewId  a stable hash of the review's content: the same review in two uploads has the same id
 * @param sourceId  the upload it came from
 * @param sourceRow its row in that upload
 */
public record Review(String reviewId, String userId, String itemId, int rating, String title, String body,
                     Instant ts, String sourceId, long sourceRow) {
    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 5;

    public Review {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(ts, "ts");
        if (rating < MIN_RATING || rating > MAX_RATING) {
            throw new IllegalArgumentException("rating " + rating + " is outside 1-5");
        }
    }

    public boolean isAnonymous() {
        return userId == null;
    }
}
