package io.shopsense.recommend;

/**
 * What distinct customers did with each item in one time window, so that popularity and trending measure how many
 * people chose an item rather than how many events were sent about it. Each customer counts once per item: with the
 * weight of their strongest interaction (a view less than a purchase), and not at all when their interactions net to
 * nothing (bought, then refunded). Events without a countable customer ({@link InteractionData#eventCustomer}) add
 * nothing.
 */
final class DistinctCustomers {
    /** Per item, customers whose interactions in the window net to a positive weight. */
    final int[] customers;
    /** Per item, {@code Σ_c min(max_e w_ce, Σ_e w_ce)} over those customers. */
    final double[] weight;

    private DistinctCustomers(int[] customers, double[] weight) {
        this.customers = customers;
        this.weight = weight;
    }

    /** Events aged in {@code [fromAgeDays, toAgeDays)} before the reference time. */
    static DistinctCustomers in(InteractionData data, double fromAgeDays, double toAgeDays) {
        return in(data, fromAgeDays, toAgeDays, false);
    }

    /** As {@link #in(InteractionData, double, double)}; {@code ordinaryDaysOnly} leaves out events on sales days. */
    static DistinctCustomers in(InteractionData data, double fromAgeDays, double toAgeDays, boolean ordinaryDaysOnly) {
        int[] order = data.customerEventsByItem();
        int[] customers = new int[data.itemCount()];
        double[] weight = new double[data.itemCount()];
        int k = 0;
        while (k < order.length) {
            int item = data.eventItem(order[k]);
            int customer = data.eventCustomer(order[k]);
            double net = 0;
            double strongest = 0;
            boolean seen = false;
            for (; k < order.length && data.eventItem(order[k]) == item && data.eventCustomer(order[k]) == customer;
                 k++) {
                float age = data.eventAgeDays(order[k]);
                if (age >= fromAgeDays && age < toAgeDays
                        && !(ordinaryDaysOnly && data.eventOnSaleDay(order[k]))) {
                    double w = data.eventWeight(order[k]);
                    net += w;
                    strongest = Math.max(strongest, w);
                    seen = true;
                }
            }
            if (seen && net > 0) {
                customers[item]++;
                weight[item] += Math.min(strongest, net);
            }
        }
        return new DistinctCustomers(customers, weight);
    }
}
