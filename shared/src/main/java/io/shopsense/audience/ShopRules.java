package io.shopsense.audience;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A shop's audience rule files read together: the audiences they define and, for every file that cannot be applied,
 * the reason. A rejected file contributes nothing (never half of its conditions); the others still apply.
 */
public final class ShopRules {

    /** A rule file left out, with the field at fault and why. */
    public record Rejected(String source, String field, String reason) {
    }

    /** The valid definitions (in file order) and the rejected files. */
    public record Result(List<AudienceDefinition> audiences, List<Rejected> rejected) {
        public Result {
            audiences = List.copyOf(audiences);
            rejected = List.copyOf(rejected);
        }
    }

    private ShopRules() {
    }

    /** Reads every file, keyed and ordered by source (its key or path). */
    public static Result read(SortedMap<String, byte[]> files) {
        List<AudienceDefinition> audiences = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, String> firstSource = new HashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            try {
                AudienceDefinition definition = RuleParser.parse(file.getKey(), file.getValue());
                if (AudienceBuilder.isBuiltInName(definition.name())) {
                    throw new InvalidRuleException("name", "\"" + definition.name()
                            + "\" is reserved for built-in audiences (segment-*, category-*, high-value, win-back, "
                            + "lookalike-champions, new-customers)");
                }
                String earlier = firstSource.putIfAbsent(definition.name(), file.getKey());
                if (earlier != null) {
                    throw new InvalidRuleException("name", "\"" + definition.name() + "\" is already defined by "
                            + earlier);
                }
                audiences.add(definition);
            } catch (InvalidRuleException e) {
                rejected.add(new Rejected(file.getKey(), e.field(), e.getMessage()));
            }
        }
        return new Result(audiences, rejected);
    }
}
