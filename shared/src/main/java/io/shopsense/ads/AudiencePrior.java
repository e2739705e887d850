package io.shopsense.ads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions and purchases of one visitor type arriving by one traffic source: the simulator's ground truth for how an
 * audience's reach and conversion rate differ by channel. Derived from the UCI Online Shoppers Purchasing Intention
 * data (Sakar et al. 2019, CC BY 4.0): counts of sessions and of {@code Revenue = TRUE} by {@code VisitorType} and
 * {@code TrafficType} ({@code ads/online-shoppers-visitor-conversion.csv}).
 */
public record AudiencePrior(String visitorType, String trafficType, long sessions, long purchases) {

    /** Header of the derived aggregate file. */
    public static final String HEADER = "visitor_type,traffic_type,sessions,purchases";

    /** Reads the derived aggregate CSV ({@link #HEADER}); comment lines start with {@code #}. */
    public static List<AudiencePrior> readAggregates(Reader aggregates) throws IOException {
        BufferedReader in = new BufferedReader(aggregates);
        List<AudiencePrior> priors = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("visitor_type")) {
                continue;
            }
            String[] cells = line.strip().split(",");
            priors.add(new AudiencePrior(cells[0], cells[1], Long.parseLong(cells[2]), Long.parseLong(cells[3])));
        }
        return priors;
    }
}
