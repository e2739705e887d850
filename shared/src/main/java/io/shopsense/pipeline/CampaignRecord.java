package io.shopsense.pipeline;

import io.shopsense.campaign.CampaignDefinition;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code campaigns/{id}/launch.json}: what launch-campaign did with a definition, written after the assignment and the
 * exports. {@code launched}: the definition as launched, the audience build it drew from, the group sizes and the
 * export keys. {@code rejected}: the field at fault and why (nothing else was written; a corrected definition
 * launches).
 */
public record CampaignRecord(String campaignId, String status, String audience, String action, String start,
                             String end, Double holdout, String offer, Integer items, String audienceAsOf,
                             Integer treatment, Integer holdoutMembers, List<String> exports, String field,
                             String message) {
    public static final String LAUNCHED = "launched";
    public static final String REJECTED = "rejected";

    static CampaignRecord launched(CampaignDefinition d, String audienceAsOf, int treatment, int holdout,
                                   List<String> exports) {
        return new CampaignRecord(d.id(), LAUNCHED, d.audience(), d.action(), d.start().toString(),
                d.end().toString(), d.holdout(), d.offer(), d.items(), audienceAsOf, treatment, holdout,
                List.copyOf(exports), null, null);
    }

    static CampaignRecord rejected(String campaignId, String field, String message) {
        return new CampaignRecord(campaignId, REJECTED, null, null, null, null, null, null, null, null, null, null,
                null, field, message);
    }

    public boolean isLaunched() {
        return LAUNCHED.equals(status);
    }

    /** The definition a launched campaign was launched with. */
    public CampaignDefinition definition() {
        return new CampaignDefinition(campaignId, audience, action, LocalDate.parse(start), LocalDate.parse(end),
                holdout, offer, items);
    }
}
