package io.shopsense.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator's audience × hour ground truth, derived from Online Retail's invoice times. */
class AudienceHourPriorTest {

    @Test
    void aggregateRetail_countsEachInvoiceOnceAtItsHour_firstOrdersAsNewVisitors() throws IOException {
        // given customer 1 buying at 09:15 (two lines, one description with a quoted comma) and 14:02, customer 2 at
        // 09:40 and again at 09:55 of a later day, a cancellation and a line without a customer
        String csv = """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                500001,A,"MUG, RED",2,2011-01-03 09:15:00,1.25,1.0,United Kingdom
                500001,B,PLATE,1,2011-01-03 09:15:00,2.10,1.0,United Kingdom
                500002,A,MUG,1,2011-01-03 09:40:00,1.25,2.0,France
                500003,C,BOWL,1,2011-02-01 14:02:00,3.00,1.0,United Kingdom
                C500004,C,BOWL,-1,2011-02-02 16:00:00,3.00,1.0,United Kingdom
                500005,D,CUP,1,2011-02-02 17:00:00,0.50,,United Kingdom
                500006,D,CUP,1,2011-03-05 09:55:00,0.50,2.0,France
                """;

        List<AudienceHourPrior> priors = AudienceHourPrior.aggregateRetail(new StringReader(csv));

        // then new: two first orders at 9; returning: one at 9 (customer 2's second) and one at 14
        assertThat(priors).hasSize(48);
        assertThat(orders(priors, "New_Visitor", 9)).isEqualTo(2);
        assertThat(orders(priors, "Returning_Visitor", 9)).isEqualTo(1);
        assertThat(orders(priors, "Returning_Visitor", 14)).isEqualTo(1);
        assertThat(AudienceHourPrior.ordersByType(priors))
                .isEqualTo(Map.of("New_Visitor", 2L, "Returning_Visitor", 2L));
        assertThat(AudienceHourPrior.readAggregates(new StringReader(AudienceHourPrior.toCsv(priors))))
                .isEqualTo(priors);
    }

    @Test
    void conversionRatios_areGammaPoissonRatiosWithTheEstimatedStrength() {
        // given type A ordering 30 at 9 and 10 at 10, type B the reverse: E = 20 everywhere; Σ[(O − E)² − O] = 320,
        // Σ E² = 1600, so m = 5 and A's ratio at 9 is (5 + 30) / (5 + 20) = 1.4, at 10 (5 + 10) / 25 = 0.6
        List<AudienceHourPrior> priors = List.of(new AudienceHourPrior("A", 9, 30), new AudienceHourPrior("A", 10, 10),
                new AudienceHourPrior("B", 9, 10), new AudienceHourPrior("B", 10, 30));

        double[] ratio = AudienceHourPrior.conversionRatios(priors, List.of("A", "B", "C"));

        assertThat(ratio[9]).isCloseTo(1.4, within(1e-12));
        assertThat(ratio[10]).isCloseTo(0.6, within(1e-12));
        assertThat(ratio[24 + 9]).isCloseTo(0.6, within(1e-12));
        assertThat(ratio[24 + 10]).isCloseTo(1.4, within(1e-12));
        assertThat(ratio[3]).isEqualTo(1.0);         // nobody ordered at 3
        assertThat(ratio[48 + 9]).isEqualTo(1.0);    // a type the data do not have
    }

    @Test
    void shippedOrderHours_matchTheRawDataCountedApart_andShowNoHourDifferenceBeyondNoise() throws IOException {
        List<AudienceHourPrior> priors;
        try (InputStream in = AudienceHourPrior.class.getResourceAsStream("/ads/online-retail-order-hours.csv")) {
            priors = AudienceHourPrior.readAggregates(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        // counted apart from this code (a script over online-retail.csv.gz): 18,536 invoices of 4,339 customers
        assertThat(AudienceHourPrior.ordersByType(priors))
                .isEqualTo(Map.of("New_Visitor", 4339L, "Returning_Visitor", 14197L));
        assertThat(orders(priors, "New_Visitor", 12)).isEqualTo(718);
        assertThat(orders(priors, "Returning_Visitor", 12)).isEqualTo(2411);
        assertThat(orders(priors, "New_Visitor", 8)).isEqualTo(127);
        assertThat(orders(priors, "Returning_Visitor", 19)).isEqualTo(117);
        // first and repeat orders fall in the same hours to within Poisson noise: the estimated strength pins the
        // ratios at 1 (raw shares differ by at most 9% in any hour with 100+ orders)
        double[] ratio = AudienceHourPrior.conversionRatios(priors, List.of("New_Visitor", "Returning_Visitor"));
        for (double r : ratio) {
            assertThat(r).isCloseTo(1, within(0.002));
        }
    }

    @Test
    void marketWithAudiences_takesItsHourRatiosFromTheData_theInventedMarketFromTheSeed() {
        // given two channels and two visitor types, and hours where type A buys three times B's share at 9
        AdMarketSimulator market = AdMarketSimulator.fromPriors(List.of(new ChannelPrior("1", 1000, 50, 400, 20),
                new ChannelPrior("2", 1000, 30, 400, 10)), 200, 5);
        List<AudiencePrior> reach = List.of(new AudiencePrior("A", "1", 400, 30), new AudiencePrior("B", "1", 1000, 40),
                new AudiencePrior("A", "2", 300, 10), new AudiencePrior("B", "2", 1100, 30));
        List<AudienceHourPrior> hours = List.of(new AudienceHourPrior("A", 9, 30), new AudienceHourPrior("A", 10, 10),
                new AudienceHourPrior("B", 9, 10), new AudienceHourPrior("B", 10, 30));

        AdMarketSimulator fromData = market.withAudiences(reach, hours, 300);
        AdMarketSimulator invented = market.withInventedAudienceHours(reach, 300, 5);

        // then the data's ratios, as conversionRatios computed them by hand (m = 5), and 1 where the data are silent
        assertThat(fromData.audiences()).containsExactly("visitors-a", "visitors-b");
        assertThat(fromData.audienceHourRatio(0, 9)).isCloseTo(1.4, within(1e-12));
        assertThat(fromData.audienceHourRatio(1, 9)).isCloseTo(0.6, within(1e-12));
        assertThat(fromData.audienceHourRatio(0, 20)).isEqualTo(1.0);
        double spread = 0;
        for (int h = 0; h < 24; h++) {
            spread = Math.max(spread, Math.abs(invented.audienceHourRatio(0, h) - 1));
        }
        assertThat(spread).isCloseTo(0.3, within(0.02)); // 1 + 0.3·sin(2π(h − φ)/24) at its widest hour
    }

    private static long orders(List<AudienceHourPrior> priors, String type, int hour) {
        return priors.stream().filter(p -> p.visitorType().equals(type) && p.hour() == hour)
                .mapToLong(AudienceHourPrior::orders).sum();
    }
}
