package io.shopsense.profile;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything fitted across a shop's customers that a single profile is scored against: built by the nightly rebuild,
 * stored, and reused by incremental updates until the next rebuild.
 *
 * @param asOf       the day the models describe
 * @param bgNbd      BG/NBD fit over customers with a purchase; null when there were none
 * @param gammaGamma Gamma-Gamma fit over customers with repeat purchases; null when there were none
 * @param rfm        quintile cuts
 * @param engagement standardisation and weights of the engagement score
 */
public record ProfileModels(LocalDate asOf, BgNbdFit bgNbd, GammaGammaFit gammaGamma, RfmModel rfm,
                            EngagementModel engagement) {

    public ProfileModels {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rfm, "rfm");
        Objects.requireNonNull(engagement, "engagement");
    }
}
