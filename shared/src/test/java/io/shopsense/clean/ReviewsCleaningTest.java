package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Review;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Review exports: the Shopify Product Reviews CSV and generic reviews as CSV and JSON Lines (issue #17). */
class ReviewsCleaningTest {
    private static final ExportCleaner CLEANER =
            new ExportCleaner(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));
    private static final String SHOPIFY_HEADER =
            "product_handle,state,rating,title,author,email,location,body,reply,created_at,replied_at\n";

    private record Cleaned(CleanReport report, RecordingOutput out) {
        List<Review> reviews() {
            return out.lines(RowKind.REVIEWS).stream().map(CanonicalJson::readReview).toList();
        }
    }

    private static Cleaned clean(String text, CleanRequest request) {
        RecordingOutput out = new RecordingOutput();
        CleanReport report = CLEANER.clean(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), request,
                out);
        return new Cleaned(report, out);
    }

    private static Cleaned clean(String text) {
        return clean(text, CleanRequest.of("src", "upload.csv"));
    }

    @Test
    void clean_shopifyReviewsCsv_isDetectedAndReadWithTheEmailAsPseudonym() {
        Cleaned c = clean(SHOPIFY_HEADER
                + "blue-mug,published,5,Lovely,Ann Lee,Ann@Example.com ,Leeds,\"Great mug, holds heat\",Thanks!,"
                + "2024-03-01 10:00:00 UTC,\n");

        assertThat(c.report().format()).isEqualTo("shopify-reviews");
        assertThat(c.report().rowsClean()).isEqualTo(1);
        Review r = c.reviews().get(0);
        assertThat(r.userId()).isEqualTo(EmailAddresses.pseudonym("ann@example.com"));
        assertThat(r.itemId()).isEqualTo("blue-mug");
        assertThat(r.rating()).isEqualTo(5);
        assertThat(r.title()).isEqualTo("Lovely");
        assertThat(r.body()).isEqualTo("Great mug, holds heat");
        assertThat(r.ts()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(c.out().lines(RowKind.REVIEWS).get(0)).doesNotContain("Ann").doesNotContain("Leeds")
                .doesNotContain("Thanks");
    }

    @Test
    void clean_genericReviewsCsv_keepsEmptyBodiesAndPartitionsByReviewDay() {
        Cleaned c = clean("user_id,item_id,rating,title,body,created_at\n"
                + "17850,85123A,4,,,2011-11-02T09:00:00Z\n"
                + "王小明,陶瓷杯子,2,太小了,杯子太小了，质量一般,2011-11-03T09:00:00Z\n");

        assertThat(c.report().format()).isEqualTo("reviews");
        assertThat(c.report().rowsClean()).isEqualTo(2);
        assertThat(c.reviews()).extracting(Review::body).containsExactly(null, "杯子太小了，质量一般");
        assertThat(c.out().rows).extracting(r -> r.dt().toString()).containsExactly("2011-11-02", "2011-11-03");
        assertThat(c.report().outputsByKind()).containsEntry("reviews", 2L);
    }

    @Test
    void clean_reviewsJsonLines_areDetectedByTheirRatingKey() {
        Cleaned c = clean("{\"customer_id\":\"u1\",\"sku\":\"i1\",\"rating\":3,\"body\":\"ok\",\"ts\":\"2024-01-02\"}\n"
                + "{\"customer_id\":\"u2\",\"sku\":\"i1\",\"rating\":\"5\",\"ts\":\"2024-01-03\"}\n");

        assertThat(c.report().format()).isEqualTo("reviews-jsonl");
        assertThat(c.reviews()).extracting(Review::rating).containsExactly(3, 5);
    }

    @Test
    void clean_formatReviewsForced_readsAHeaderDetectionWouldNotKnow() {
        Cleaned c = clean("reviewer,handle,stars,when\nu1,i1,4,2024-01-02\n",
                CleanRequest.of("src", "x.csv").withFormat(ExportFormat.fromCode("reviews")));

        // "reviewer" and "when" are no synonyms: the user is anonymous and the time column is missing
        assertThat(c.report().ok()).isFalse();
        assertThat(c.report().errorCode()).isEqualTo("UNKNOWN_FORMAT");
    }

    @Test
    void clean_ratingOutsideOneToFive_isBadRating() {
        Cleaned c = clean("user_id,item_id,rating,body,ts\nu1,i1,0,x,2024-01-02\nu2,i1,6,x,2024-01-02\n"
                + "u3,i1,4.5,x,2024-01-02\nu4,i1,five,x,2024-01-02\nu5,i1,5.0,x,2024-01-02\n");

        assertThat(c.report().rowsClean()).isEqualTo(1);
        assertThat(c.report().rejectsByReason()).containsExactly(java.util.Map.entry("BAD_RATING", 4L));
    }

    @Test
    void clean_reviewOfAnItemTheCatalogueDoesNotList_isUnknownItem_onlyWhenACatalogueIsKnown() {
        String text = "user_id,item_id,rating,body,ts\nu1,i1,5,x,2024-01-02\nu1,ghost,5,x,2024-01-02\n";

        Cleaned checked = clean(text, CleanRequest.of("src", "x.csv")
                .withKnownItems(KnownItems.lazily(() -> Set.of("i1"))));
        Cleaned unchecked = clean(text, CleanRequest.of("src", "x.csv")
                .withKnownItems(KnownItems.lazily(Set::of)));

        assertThat(checked.report().rejectsByReason()).containsExactly(java.util.Map.entry("UNKNOWN_ITEM", 1L));
        assertThat(unchecked.report().rowsClean()).isEqualTo(2);
    }

    @Test
    void clean_sameReviewTwice_orASecondReviewOfTheSameItem_isDuplicate_anonymousReviewsAreNot() {
        Cleaned c = clean("user_id,item_id,rating,body,ts\n"
                + "u1,i1,5,great,2024-01-02\n"
                + "u1,i1,5,great,2024-01-02\n"
                + "u1,i1,1,changed my mind,2024-01-05\n"
                + ",i1,4,anon,2024-01-02\n"
                + ",i1,3,another anon,2024-01-02\n");

        assertThat(c.report().rowsIn()).isEqualTo(5);
        assertThat(c.report().rowsClean()).isEqualTo(3);
        assertThat(c.report().rejectsByReason()).containsExactly(java.util.Map.entry("DUPLICATE", 2L));
    }

    @Test
    void clean_textIsMadeInert_andAddressesInItArePseudonymised() {
        Cleaned c = clean("user_id,item_id,rating,title,body,ts\n"
                + "u1,i1,1,=HYPERLINK(\"x\"),write to me at bob@example.com,2024-01-02\n");

        Review r = c.reviews().get(0);
        assertThat(r.title()).startsWith("'=");
        assertThat(r.body()).isEqualTo("write to me at " + EmailAddresses.pseudonym("bob@example.com"));
    }

    @Test
    void clean_erasedReviewer_isCountedErasedAndKeptNowhere() {
        String ann = EmailAddresses.pseudonym("ann@example.com");
        Cleaned c = clean(SHOPIFY_HEADER + "blue-mug,published,5,Lovely,Ann,ann@example.com,,nice,,2024-03-01,\n",
                CleanRequest.of("src", "x.csv").withErased(new ErasedFilter() {
                    @Override
                    public boolean isErased(String userId) {
                        return ann.equals(userId);
                    }

                    @Override
                    public boolean mentionedIn(String rawText) {
                        return rawText.contains("ann@example.com");
                    }
                }));

        assertThat(c.report().rowsErased()).isEqualTo(1);
        assertThat(c.out().rows).isEmpty();
        assertThat(c.out().rejects).isEmpty();
    }

    @Test
    void canonicalReviewLine_roundTrips() {
        Review r = new Review("00000000000000ab", null, "i\"1", 2, null, "line\nbreak", Instant.parse(
                "2024-01-02T03:04:05Z"), "src", 7);

        assertThat(CanonicalJson.readReview(CanonicalJson.reviewLine(r))).isEqualTo(r);
    }
}
