package io.shopsense.local.template;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions over a parsed template value, with the parameter values, pseudo
 * parameters and resource names of one local stack. {@code AWS::NoValue} removes the key or list entry it stands in.
 */
final class IntrinsicResolver {
    /** Marks a value that AWS::NoValue removed. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final Function<String, Object> references;
    private final BiFunction<String, String, Object> attributes;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final Map<String, Boolean> conditionValues = new LinkedHashMap<>();

    IntrinsicResolver(Function<String, Object> references, BiFunction<String, String, Object> attributes,
                      Map<String, Object> conditions, Map<String, Object> mappings) {
        this.references = references;
        this.attributes = attributes;
        this.conditions = conditions;
        this.mappings = mappings;
    }

    Object resolve(Object value) {
        Object resolved = evaluate(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new TemplateException("unknown condition " + name);
        }
        boolean value = truth(evaluate(definition));
        conditionValues.put(name, value);
        return value;
    }

    private Object evaluate(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, only.getValue());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object resolved = evaluate(entry.getValue());
                if (resolved != NO_VALUE) {
                    out.put(String.valueOf(entry.getKey()), resolved);
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object resolved = evaluate(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        return value;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> {
                String target = String.valueOf(evaluate(argument));
                yield target.equals("AWS::NoValue") ? NO_VALUE : references.apply(target);
            }
            case "Condition" -> condition(String.valueOf(argument));
            case "Fn::GetAtt" -> {
                List<?> parts = list(name, evaluate(argument), 2);
                yield attributes.apply(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            case "Fn::Sub" -> substitute(argument);
            case "Fn::Join" -> {
                List<?> parts = list(name, argument, 2);
                String delimiter = String.valueOf(evaluate(parts.get(0)));
                List<String> items = new ArrayList<>();
                for (Object item : list(name, evaluate(parts.get(1)), 0)) {
                    items.add(String.valueOf(item));
                }
                yield String.join(delimiter, items);
            }
            case "Fn::Select" -> {
                List<?> parts = list(name, argument, 2);
                int index = Integer.parseInt(String.valueOf(evaluate(parts.get(0))));
                yield list(name, evaluate(parts.get(1)), index + 1).get(index);
            }
            case "Fn::Split" -> {
                List<?> parts = list(name, argument, 2);
                String delimiter = String.valueOf(evaluate(parts.get(0)));
                yield List.of(String.valueOf(evaluate(parts.get(1))).split(Pattern.quote(delimiter), -1));
            }
            case "Fn::If" -> {
                List<?> parts = list(name, argument, 3);
                yield condition(String.valueOf(parts.get(0))) ? evaluate(parts.get(1)) : evaluate(parts.get(2));
            }
            case "Fn::Equals" -> {
                List<?> parts = list(name, argument, 2);
                yield String.valueOf(evaluate(parts.get(0))).equals(String.valueOf(evaluate(parts.get(1))));
            }
            case "Fn::Not" -> !truth(evaluate(list(name, argument, 1).get(0)));
            case "Fn::And" -> list(name, argument, 1).stream().allMatch(item -> truth(evaluate(item)));
            case "Fn::Or" -> list(name, argument, 1).stream().anyMatch(item -> truth(evaluate(item)));
            case "Fn::FindInMap" -> {
                List<?> parts = list(name, argument, 3);
                Object map = mappings.get(String.valueOf(evaluate(parts.get(0))));
                Object top = map instanceof Map<?, ?> m ? m.get(String.valueOf(evaluate(parts.get(1)))) : null;
                Object found = top instanceof Map<?, ?> m ? m.get(String.valueOf(evaluate(parts.get(2)))) : null;
                if (found == null) {
                    throw new TemplateException("Fn::FindInMap found nothing for " + parts);
                }
                yield found;
            }
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(String.valueOf(evaluate(argument)).getBytes());
            case "Fn::GetAZs" -> List.of("us-east-1a", "us-east-1b", "us-east-1c");
            case "Fn::ToJsonString", "Fn::Length", "Fn::Transform", "Fn::ImportValue", "Fn::Cidr" ->
                    throw new TemplateException(name + " is not supported by the local cloud");
            default -> throw new TemplateException("unknown intrinsic function " + name);
        };
    }

    private Object substitute(Object argument) {
        String template;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (argument instanceof List<?> parts) {
            template = String.valueOf(parts.get(0));
            if (parts.size() > 1 && parts.get(1) instanceof Map<?, ?> vars) {
                vars.forEach((key, val) -> variables.put(String.valueOf(key), evaluate(val)));
            }
        } else {
            template = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + matcher.group(2) + "}"; // ${!Literal} stays literal
            } else {
                String variable = matcher.group(2).trim();
                Object value = variables.containsKey(variable) ? variables.get(variable)
                        : variable.contains(".") && !variable.startsWith("AWS::")
                        ? attributes.apply(variable.substring(0, variable.indexOf('.')),
                                variable.substring(variable.indexOf('.') + 1))
                        : references.apply(variable);
                replacement = String.valueOf(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    private static List<?> list(String function, Object argument, int minSize) {
        if (!(argument instanceof List<?> list) || list.size() < minSize) {
            throw new TemplateException(function + " needs a list of at least " + minSize + " items, got " + argument);
        }
        return list;
    }
}
