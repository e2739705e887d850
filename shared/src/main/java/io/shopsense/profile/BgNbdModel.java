package io.shopsense.profile;

import io.shopsense.math.SpecialFunctions;

/**
 * A fitted BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): purchase rates
 * λ ~ Gamma(r, α), dropout probability after each purchase p ~ Beta(a, b). Time is in weeks; every method takes a
 * customer's repeat transactions {@code x}, last-transaction time {@code tx} and age {@code T}.
 */
public record BgNbdModel(double r, double alpha, double a, double b) {

    public BgNbdModel {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive: " + r + ", " + alpha + ", " + a
                    + ", " + b);
        }
    }

    /** One customer's log-likelihood, eq. (6) of the paper, summed in log space. */
    public double logLikelihood(double x, double tx, double age) {
        double common = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha)
                + SpecialFunctions.logGamma(a + b) + SpecialFunctions.logGamma(b + x)
                - SpecialFunctions.logGamma(b) - SpecialFunctions.logGamma(a + b + x);
        double stillAlive = -(r + x) * Math.log(alpha + age);
        double droppedOut = x > 0
                ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx)
                : Double.NEGATIVE_INFINITY;
        return common + SpecialFunctions.logSumExp(stillAlive, droppedOut);
    }

    /** P(alive at T | x, tx, T), eq. (A8) of Fader, Hardie and Lee (2005). */
    public double probabilityAlive(double x, double tx, double age) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * Expected transactions in (T, T + t], eq. (10) of the paper. The factor (a+b+x−1)/(a−1) and the bracket change sign
     * together when a &lt; 1; at a = 1 exactly the expression is 0/0, so a is nudged off it.
     */
    public double expectedPurchases(double t, double x, double tx, double age) {
        if (t <= 0) {
            return 0;
        }
        double aa = Math.abs(a - 1) < 1e-9 ? 1 + 1e-9 : a;
        double z = t / (alpha + age + t);
        double logRatio = (r + x) * Math.log((alpha + age) / (alpha + age + t));
        double hyper = SpecialFunctions.hyp2f1(r + x, b + x, aa + b + x - 1, z);
        double expected = (aa + b + x - 1) / (aa - 1) * (1 - Math.exp(logRatio) * hyper);
        return Math.max(0, expected * probabilityAlive(x, tx, age));
    }

    /**
     * P(no transaction in (T, T + t]). Dropout only happens right after a purchase, so a customer alive at T makes no
     * purchase with probability E[e^(−λt)] under the posterior λ ~ Gamma(r + x, α + T); a dead one never buys.
     */
    public double probabilityNoPurchase(double t, double x, double tx, double age) {
        double alive = probabilityAlive(x, tx, age);
        double silentIfAlive = Math.exp((r + x) * Math.log((alpha + age) / (alpha + age + t)));
        return (1 - alive) + alive * silentIfAlive;
    }
}
