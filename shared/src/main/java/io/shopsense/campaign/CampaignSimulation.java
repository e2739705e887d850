package io.shopsense.campaign;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Proves the statistics on real customers: many campaigns over the same audience and window, each split by the stable
 * hash of its own id ({@code simulation-{seed}}), with the members' real purchases as the outcome. With no planted
 * effect (A/A) a campaign can only look significant by chance, which should happen in about 5% of seeds. A planted
 * effect of {@code d} converts each treated member who did not buy in the window with probability {@code d/(1−p)}
 * ({@code p} the audience's real conversion rate), on a day drawn uniformly in the window, so the treatment's
 * expected rate is {@code p + d} by the window's end; the interval should hold {@code d} in about 95% of seeds.
 * <p>
 * A single look judges the fixed-horizon interval on the last day. Nightly looks judge the always-valid interval on
 * every day: a seed is significant if any night's interval excludes zero, and covered only if every night's interval
 * holds that night's true effect (it grows to {@code d} as the planted days come, see {@link #trueEffectBy}). The naive share, the
 * fixed-horizon interval checked every night, shows what peeking without a sequential method would have cost.
 */
public final class CampaignSimulation {
    private static final double ALPHA = 0.05;

    private CampaignSimulation() {
    }

    /** What the seeds showed; shares in [0, 1]. */
    public record Result(int seeds, double effectPp, boolean nightly, double significantShare, double coverage,
                         Double naiveNightlyShare, int members, double holdoutShare, double baseRatePp,
                         int windowDays) {
    }

    public static Result run(List<MemberOutcome> audience, int windowDays, double holdoutShare, int seeds,
                             double effectPp, boolean nightly) {
        HoldoutAssignment.requireShare(holdoutShare);
        if (audience.isEmpty() || windowDays < 1 || seeds < 1) {
            throw new IllegalArgumentException("need members, a window of at least a day and at least one seed");
        }
        int n = audience.size();
        int naturalConverters = (int) audience.stream().filter(MemberOutcome::converted).count();
        double baseRate = (double) naturalConverters / n;
        double effect = effectPp / 100;
        double plantProbability = effect / (1 - baseRate);
        if (effect < 0 || plantProbability > 1) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a planted effect must be between 0 and %.1f pp for this audience (it converts %.1f%%)",
                    (1 - baseRate) * 100, baseRate * 100));
        }
        int significant = 0;
        int covered = 0;
        int naive = 0;
        int[][] byDay = new int[2][windowDays];   // [0] treatment, [1] holdout: first purchases per day
        for (int seed = 0; seed < seeds; seed++) {
            String campaignId = "simulation-" + seed;
            SplittableRandom rng = new SplittableRandom(seed);
            java.util.Arrays.fill(byDay[0], 0);
            java.util.Arrays.fill(byDay[1], 0);
            int[] members = new int[2];
            for (MemberOutcome member : audience) {
                int group = HoldoutAssignment.inHoldout(campaignId, member.customerId(), holdoutShare) ? 1 : 0;
                members[group]++;
                int day = member.firstPurchaseDay();
                if (day == MemberOutcome.NEVER && group == 0 && plantProbability > 0
                        && rng.nextDouble() < plantProbability) {
                    day = rng.nextInt(windowDays);
                }
                if (day != MemberOutcome.NEVER && day < windowDays) {
                    byDay[group][day]++;
                }
            }
            if (members[0] == 0 || members[1] == 0) {
                continue; // an empty group measures nothing: counted as neither significant nor covered
            }
            SeedOutcome outcome = nightly
                    ? nightly(byDay, members, windowDays, effect)
                    : single(byDay, members, windowDays, effect);
            significant += outcome.significant ? 1 : 0;
            covered += outcome.covered ? 1 : 0;
            naive += outcome.naiveSignificant ? 1 : 0;
        }
        return new Result(seeds, effectPp, nightly, (double) significant / seeds, (double) covered / seeds,
                nightly ? (double) naive / seeds : null, n, holdoutShare, baseRate * 100, windowDays);
    }

    /**
     * The expected effect by the end of day {@code day}: a planted conversion can only happen to a member who never
     * bought in the window, and only by then if its uniformly drawn day has come.
     */
    static double trueEffectBy(int day, int windowDays, double effect) {
        return effect * (day + 1) / windowDays;   // (1 − p) · d/(1 − p) · (day + 1)/days
    }

    private record SeedOutcome(boolean significant, boolean covered, boolean naiveSignificant) {
    }

    private static SeedOutcome single(int[][] byDay, int[] members, int windowDays, double effect) {
        int x1 = sum(byDay[0], windowDays);
        int x0 = sum(byDay[1], windowDays);
        Interval ci = ProportionDifference.newcombe(x1, members[0], x0, members[1], ProportionDifference.Z_95);
        return new SeedOutcome(ci.excludesZero(), ci.contains(effect), false);
    }

    private static SeedOutcome nightly(int[][] byDay, int[] members, int windowDays, double effect) {
        boolean significant = false;
        boolean covered = true;
        boolean naive = false;
        int x1 = 0;
        int x0 = 0;
        for (int day = 0; day < windowDays; day++) {
            x1 += byDay[0][day];
            x0 += byDay[1][day];
            Interval ci = ProportionDifference.alwaysValid(x1, members[0], x0, members[1], ALPHA,
                    ProportionDifference.DEFAULT_TAU);
            significant |= ci.excludesZero();
            covered &= ci.contains(trueEffectBy(day, windowDays, effect));
            naive |= ProportionDifference.newcombe(x1, members[0], x0, members[1], ProportionDifference.Z_95)
                    .excludesZero();
        }
        return new SeedOutcome(significant, covered, naive);
    }

    private static int sum(int[] counts, int days) {
        int total = 0;
        for (int i = 0; i < days; i++) {
            total += counts[i];
        }
        return total;
    }
}
