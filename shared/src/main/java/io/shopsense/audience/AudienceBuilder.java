package io.shopsense.audience;

import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Profile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Builds every audience from the current profiles: the built-in ones and the shop's rule files. Erased customers are
 * dropped before anything is computed (thresholds included), so they appear nowhere. A pure function of its input:
 * the same profiles and rules give the same audiences in the same order.
 */
public final class AudienceBuilder {

    private AudienceBuilder() {
    }

    /**
     * @param profiles the customers' current profiles, in any order
     * @param rules    the shop's valid audience definitions (names distinct from each other and the built-in ones)
     * @param erased   whether a customer id was erased
     */
    public static AudienceSet build(List<Profile> profiles, List<AudienceDefinition> rules, Predicate<String> erased) {
        List<Profile> current = profiles.stream().filter(p -> !erased.test(p.userId()))
                .sorted(Comparator.comparing(Profile::userId)).toList();
        LocalDate asOf = current.stream().map(Profile::asOf).max(Comparator.naturalOrder()).orElse(LocalDate.EPOCH);
        List<Audience> audiences = new ArrayList<>();
        for (BuiltInAudiences.Candidate c : BuiltInAudiences.of(current, asOf)) {
            audiences.add(new Audience(c.name(), Audience.BUILT_IN, c.definition(), members(c.members())));
        }
        Set<String> builtIn = new HashSet<>();
        audiences.forEach(a -> builtIn.add(a.name()));
        rules.stream().sorted(Comparator.comparing(AudienceDefinition::name)).forEach(rule -> {
            if (builtIn.contains(rule.name())) {
                throw new IllegalArgumentException("audience " + rule.name() + " is a built-in name");
            }
            audiences.add(new Audience(rule.name(), Audience.SHOP,
                    rule.description().isEmpty() ? rule.condition().describe()
                            : rule.description() + ": " + rule.condition().describe(),
                    members(current.stream().filter(rule.condition()::test).toList())));
        });
        Set<String> inAny = new HashSet<>();
        audiences.forEach(a -> a.members().forEach(m -> inAny.add(m.userId())));
        return new AudienceSet(asOf, current.size(), inAny.size(), audiences, overlaps(audiences));
    }

    /** The names the built-in audiences may take, for checking a rule file's name before building. */
    public static boolean isBuiltInName(String name) {
        return name.startsWith("segment-") || name.startsWith("category-") || name.equals("high-value")
                || name.equals("win-back") || name.equals("lookalike-champions") || name.equals("new-customers");
    }

    static List<Audience.Member> members(List<Profile> profiles) {
        return profiles.stream().sorted(BuiltInAudiences.BY_CLV)
                .map(p -> new Audience.Member(p.userId(), p.segment() == null ? null : p.segment().label(),
                        p.clv12Months(), EmailAddresses.addressHash(p.userId()).orElse(null)))
                .toList();
    }

    /** Shared customers of every pair of audiences (both orders of a pair are one entry, {@code a} listed first). */
    public static List<AudienceSet.Overlap> overlaps(List<Audience> audiences) {
        List<Set<String>> sets = new ArrayList<>();
        for (Audience a : audiences) {
            Set<String> ids = new HashSet<>();
            a.members().forEach(m -> ids.add(m.userId()));
            sets.add(ids);
        }
        List<AudienceSet.Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < audiences.size(); i++) {
            for (int j = i + 1; j < audiences.size(); j++) {
                Set<String> small = sets.get(i).size() <= sets.get(j).size() ? sets.get(i) : sets.get(j);
                Set<String> large = small == sets.get(i) ? sets.get(j) : sets.get(i);
                int shared = (int) small.stream().filter(large::contains).count();
                if (shared > 0) {
                    int union = sets.get(i).size() + sets.get(j).size() - shared;
                    overlaps.add(new AudienceSet.Overlap(audiences.get(i).name(), audiences.get(j).name(), shared,
                            Math.round(shared * 10_000.0 / union) / 10_000.0));
                }
            }
        }
        return overlaps;
    }

    /** Members by audience name, for lookups in tests and the command line. */
    public static Map<String, Audience> byName(AudienceSet set) {
        Map<String, Audience> map = new HashMap<>();
        set.audiences().forEach(a -> map.put(a.name(), a));
        return map;
    }
}
