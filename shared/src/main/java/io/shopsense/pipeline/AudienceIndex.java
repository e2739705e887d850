package io.shopsense.pipeline;

import io.shopsense.audience.AudienceSet;
import io.shopsense.audience.ShopRules;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one audience build published, as {@code audiences/index.json}: every audience with its size and export keys,
 * their overlaps, and the shop's rule files that were accepted or rejected (with the reason). It doubles as the
 * manifest of the rule files. Written last, so the member pages it counts are all in place.
 *
 * @param asOf      the profiles' date
 * @param customers customers considered (erased ones excluded)
 * @param inAny     distinct customers in at least one audience
 * @param pageSize  members per page object
 */
public record AudienceIndex(LocalDate asOf, int customers, int inAny, int pageSize, List<Entry> audiences,
                            List<AudienceSet.Overlap> overlaps, Rules rules) {

    /**
     * One audience.
     *
     * @param withEmail  members with a hashed e-mail (in the Meta and Google files)
     * @param noEmail    members without one (only in the id list)
     * @param targetable at least {@link io.shopsense.audience.Audience#PLATFORM_MINIMUM} hashed e-mails
     * @param pages      member page objects under {@code audiences/members/{name}/}
     * @param exports    export file name ({@code meta}, {@code google}, {@code ids}) → bucket key
     * @param meanClv    the members' mean 12-month CLV, the value of converting one of them (the ad planner's
     *                   {@code value} objective)
     */
    public record Entry(String name, String kind, String definition, int size, int withEmail, int noEmail,
                        boolean targetable, int pages, Map<String, String> exports, double meanClv) {
    }

    /** Rule files read from {@code raw/audiences/}: the accepted ones by key, the rejected ones with a reason. */
    public record Rules(List<String> accepted, List<ShopRules.Rejected> rejected) {
    }

    /** One page of an audience's members as stored. */
    public record Page(String audience, int page, List<PageMember> members) {
    }

    /** A member as the API shows it: id, segment label (null without a purchase) and 12-month CLV. */
    public record PageMember(String userId, String segment, double clv) {
    }

    public Entry entry(String name) {
        return audiences.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }
}
