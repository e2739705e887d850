package io.shopsense.local.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds a function's IAM policy statements against the storage requests it made in a run, both ways: a request no
 * statement allows would be denied in AWS (the local cloud does not enforce IAM, so only this finds it before a
 * deploy does), and an action on a resource that no request used is a grant the function does not need.
 *
 * <p>Statements are read as CloudFormation resolved them: {@code Effect: Allow}, {@code Action} and
 * {@code Resource} as strings or lists with IAM's {@code *} and {@code ?} wildcards, and an optional
 * {@code StringLike} / {@code StringEquals} condition on {@code s3:prefix} or {@code iam:PassedToService}. Anything
 * else (a SAM policy template, a {@code Deny}, another condition) is reported as not auditable rather than guessed at.
 */
public final class PolicyAudit {
    /** The condition keys the audit can evaluate: a ListBucket's prefix, the service a PassRole hands a role to. */
    private static final List<String> CONDITION_KEYS = List.of("s3:prefix", "iam:PassedToService");
    /** Each policy pattern compiled once: the audit matches every statement against every recorded request. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private PolicyAudit() {
    }

    /** One Allow statement, or the reason it cannot be audited. */
    record Statement(List<String> actions, List<String> resources, String conditionKey,
                     List<String> conditionPatterns) {
        boolean allows(IamAccess access) {
            return actions.stream().anyMatch(a -> matches(a, access.action(), true))
                    && resources.stream().anyMatch(r -> matches(r, access.resource(), false))
                    && conditionAllows(access);
        }

        boolean conditionAllows(IamAccess access) {
            String value = conditionKey == null ? null : access.conditionValue(conditionKey);
            return conditionPatterns == null || (value != null
                    && conditionPatterns.stream().anyMatch(p -> matches(p, value, false)));
        }
    }

    /**
     * The findings for one function: requests its policies would deny, grants it never used, statements that
     * cannot be audited. Empty when the policies are exactly what the run needed.
     */
    public static List<String> findings(String function, List<Object> policies, Collection<IamAccess> used) {
        List<String> findings = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        for (Object policy : policies) {
            if (!(policy instanceof Map<?, ?> map) || !(map.get("Statement") instanceof List<?> list)) {
                findings.add(function + ": policy " + policy + " is not a list of statements, so it cannot be audited;"
                        + " write it as Statement with the actions and resources the function uses");
                continue;
            }
            for (Object statement : list) {
                parse(function, statement, findings).ifPresent(statements::add);
            }
        }
        findings.addAll(denied(function, statements, used));
        findings.addAll(unused(function, statements, used));
        return findings;
    }

    /** Requests no statement allows, as AWS would refuse them. */
    private static List<String> denied(String function, List<Statement> statements, Collection<IamAccess> used) {
        return used.stream().filter(access -> statements.stream().noneMatch(s -> s.allows(access)))
                .map(access -> function + ": would be denied " + access.action() + " on " + access.resource()
                        + (access.s3Prefix() == null ? "" : " (prefix " + access.s3Prefix() + ")")
                        + (access.because() == null ? "" : ": " + access.because()))
                .distinct().sorted().toList();
    }

    /** Each action × resource (× listing prefix) of each statement that no request used. */
    private static List<String> unused(String function, List<Statement> statements, Collection<IamAccess> used) {
        List<String> findings = new ArrayList<>();
        for (Statement statement : statements) {
            for (String action : statement.actions()) {
                for (String resource : statement.resources()) {
                    List<IamAccess> matching = used.stream()
                            .filter(a -> matches(action, a.action(), true) && matches(resource, a.resource(), false))
                            .toList();
                    if (statement.conditionPatterns() == null) {
                        if (matching.isEmpty()) {
                            findings.add(function + ": grants " + action + " on " + resource + ", never used");
                        }
                        continue;
                    }
                    String key = statement.conditionKey();
                    for (String pattern : statement.conditionPatterns()) {
                        if (matching.stream().noneMatch(a -> a.conditionValue(key) != null
                                && matches(pattern, a.conditionValue(key), false))) {
                            findings.add(function + ": grants " + action + " on " + resource + " with "
                                    + (key.equals("s3:prefix") ? "prefix" : key) + " " + pattern + ", never used");
                        }
                    }
                }
            }
        }
        return findings;
    }

    private static Optional<Statement> parse(String function, Object statement, List<String> findings) {
        if (!(statement instanceof Map<?, ?> s) || !"Allow".equals(s.get("Effect"))) {
            findings.add(function + ": statement " + statement + " is not an Allow statement; cannot be audited");
            return Optional.empty();
        }
        String key = null;
        List<String> patterns = null;
        if (s.get("Condition") != null) {
            key = conditionKey(s.get("Condition"));
            patterns = key == null ? null : conditionPatterns(s.get("Condition"), key);
            if (patterns == null) {
                findings.add(function + ": condition " + s.get("Condition") + " cannot be audited (only StringLike or"
                        + " StringEquals on one of " + CONDITION_KEYS + ")");
                return Optional.empty();
            }
        }
        return Optional.of(new Statement(strings(s.get("Action")), strings(s.get("Resource")), key, patterns));
    }

    /** The one condition key of a one-operator condition, if the audit can evaluate it; null otherwise. */
    private static String conditionKey(Object condition) {
        if (!(condition instanceof Map<?, ?> operators) || operators.size() != 1
                || !(operators.values().iterator().next() instanceof Map<?, ?> keys) || keys.size() != 1) {
            return null;
        }
        String key = String.valueOf(keys.keySet().iterator().next());
        return CONDITION_KEYS.contains(key) ? key : null;
    }

    /** The patterns of a StringLike (or StringEquals) condition on {@code key}; null for any other operator. */
    private static List<String> conditionPatterns(Object condition, String key) {
        Map.Entry<?, ?> operator = ((Map<?, ?>) condition).entrySet().iterator().next();
        boolean like = "StringLike".equals(operator.getKey());
        if (!(like || "StringEquals".equals(operator.getKey()))) {
            return null;
        }
        // StringEquals compares literally: quote the wildcard characters away.
        return strings(((Map<?, ?>) operator.getValue()).get(key)).stream()
                .map(p -> like ? p : p.replace("*", "\u0000").replace("?", "\u0001")).toList();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one; actions compare without case. */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        return COMPILED.computeIfAbsent(pattern + (ignoreCase ? "\u0002i" : ""), key -> compile(pattern, ignoreCase))
                .matcher(value).matches();
    }

    private static Pattern compile(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '\u0000' -> regex.append("\\*");
                case '\u0001' -> regex.append("\\?");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
    }
}
