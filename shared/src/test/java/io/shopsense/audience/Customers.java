package io.shopsense.audience;

import io.shopsense.model.Affinity;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tiny hand-made profiles for the audience tests: only the fields audiences read are set. */
final class Customers {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    private Customers() {
    }

    /** A customer profile builder with neutral defaults (a one-time buyer 10 days ago, CLV 0). */
    static Builder customer(String id) {
        return new Builder(id);
    }

    static final class Builder {
        private final String id;
        private Segment segment = Segment.NEW;
        private double clv;
        private double churn = 0.5;
        private double alive = 0.5;
        private int orders = 1;
        private int frequency = 1;
        private double monetary = 10;
        private double revenue = 10;
        private double refunds;
        private double aov = 10;
        private Integer recency = 10;
        private LocalDate first = AS_OF.minusDays(10);
        private LocalDate last = AS_OF.minusDays(10);
        private final List<Affinity> categories = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        Builder segment(Segment s) {
            segment = s;
            return this;
        }

        Builder browserOnly() {
            segment = null;
            orders = 0;
            frequency = 0;
            monetary = 0;
            revenue = 0;
            aov = 0;
            recency = null;
            first = null;
            last = null;
            return this;
        }

        Builder clv(double v) {
            clv = v;
            return this;
        }

        Builder churn(double v) {
            churn = v;
            return this;
        }

        Builder alive(double v) {
            alive = v;
            return this;
        }

        Builder orders(int v) {
            orders = v;
            return this;
        }

        /** Purchase days, net spend, average order value and refunds: the lookalike's raw features. */
        Builder behaviour(int recencyDays, int purchaseDays, double spend, double orderValue, double refunded) {
            recency = recencyDays;
            frequency = purchaseDays;
            monetary = spend;
            revenue = spend + refunded;
            refunds = refunded;
            aov = orderValue;
            last = AS_OF.minusDays(recencyDays);
            return this;
        }

        Builder firstOrder(LocalDate d) {
            first = d;
            return this;
        }

        Builder lastOrder(LocalDate d) {
            last = d;
            recency = (int) java.time.temporal.ChronoUnit.DAYS.between(d, AS_OF);
            return this;
        }

        Builder affinity(String category, double score) {
            categories.add(new Affinity(category, score));
            return this;
        }

        Profile build() {
            return new Profile(id, AS_OF, recency, frequency, monetary, first, last, orders, orders, revenue, refunds,
                    aov, null, 12, null, Map.of(), null, segment, alive, 0, 0, 0, churn, aov, clv, categories,
                    List.of(), 0);
        }
    }
}
