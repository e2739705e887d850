package io.shopsense.audience;

import java.util.List;
import java.util.Objects;

/**
 * One audience as built: who is in it, best customer (highest 12-month CLV) first, ties by id.
 *
 * @param name       key-safe slug, unique in its set
 * @param kind       {@code built-in} or {@code shop} (from a rule file)
 * @param definition who belongs, in words (with the thresholds this build used)
 * @param members    the customers, ordered by CLV descending then id
 */
public record Audience(String name, String kind, String definition, List<Member> members) {
    public static final String BUILT_IN = "built-in";
    public static final String SHOP = "shop";
    /**
     * Meta's minimum Custom Audience size. Google Customer Match asks for at least as many active members, so one
     * bar decides whether an audience is worth uploading to either.
     */
    public static final int PLATFORM_MINIMUM = 100;

    /**
     * A member as the API pages them and the exports write them.
     *
     * @param emailHash SHA-256 hex of the customer's e-mail address when their id is an e-mail pseudonym, else null
     */
    public record Member(String userId, String segment, double clv, String emailHash) {
        public Member {
            Objects.requireNonNull(userId, "userId");
        }
    }

    public Audience {
        members = List.copyOf(members);
    }

    /** Mean 12-month CLV of the members (0 for an empty audience): what the planner's value objective counts. */
    public double meanClv() {
        return members.stream().mapToDouble(Member::clv).average().orElse(0);
    }

    public int size() {
        return members.size();
    }

    /** Members with a hashed e-mail: the ones Meta and Google can match. */
    public int withEmail() {
        return (int) members.stream().filter(m -> m.emailHash() != null).count();
    }

    /** Whether the ad platforms would accept the upload: at least {@link #PLATFORM_MINIMUM} hashed e-mails. */
    public boolean targetable() {
        return withEmail() >= PLATFORM_MINIMUM;
    }
}
