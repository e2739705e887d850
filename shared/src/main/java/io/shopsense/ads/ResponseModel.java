package io.shopsense.ads;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fitted beliefs about the cells a plan spends in, as {@link BudgetPlanner} uses them. Cells come in groups of 24
 * hours: cell {@code k} is hour {@code k % 24} of group {@code k / 24}. Without audiences a group is a channel
 * ({@link CellPosteriors}); with them group {@code g} is channel {@code g % channels} targeted at audience
 * {@code g / channels} ({@link AudienceCellPosteriors}).
 */
public interface ResponseModel {
    List<String> channels();

    /** The audiences targeted, in group order; empty for a plan that targets none. */
    List<String> audiences();

    int cells();

    double saturation(int cell);

    double capacity(int cell);

    /** Posterior-mean conversions per click on the plan's weekday. */
    double meanConversionRate(int cell);

    /** Posterior-mean cost of a click at low spend. */
    double meanCostPerClick(int cell);

    /** Posterior-mean conversions per unit of saturated spend at low spend. */
    double meanConversionsPerSpend(int cell);

    /** One Thompson draw of every cell's conversions per unit of saturated spend, written into {@code out}. */
    void sampleConversionsPerSpend(SplittableRandom rng, double[] out);

    /**
     * One joint posterior draw of every cell's expected conversions when spending {@code spend[k]}, written into
     * {@code out}: the rates of {@link #sampleConversionsPerSpend} with the saturation scales drawn too, so the draw
     * carries how little the history says about spend beyond what it saw. What the predictive interval is made of.
     */
    void sampleExpectedConversions(SplittableRandom rng, double[] spend, double[] out);

    /** Estimated revenue per conversion of a group (a channel, or an audience on a channel). */
    double valuePerConversion(int group);

    /** The channel of a group. */
    default String channelOf(int group) {
        return channels().get(group % channels().size());
    }

    /** The audience of a group, or null without audiences. */
    default String audienceOf(int group) {
        return audiences().isEmpty() ? null : audiences().get(group / channels().size());
    }
}
