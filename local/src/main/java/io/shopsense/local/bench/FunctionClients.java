package io.shopsense.local.bench;

import io.shopsense.local.template.Specs.FunctionSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SDK clients a function builds, read from its template policies: each {@code service:Action} it is granted on
 * S3, DynamoDB or Secrets Manager names a client (the least-privilege suite holds that every grant is used). The
 * cold-start baseline builds these same clients, so a function is compared with a bare handler that talks to the
 * same services.
 */
public final class FunctionClients {
    private FunctionClients() {
    }

    /** The services of {@link ColdStartProbe#SERVICES} the function's policies grant actions on, in that order. */
    public static List<String> of(FunctionSpec function) {
        Set<String> granted = new TreeSet<>();
        function.policies().forEach(policy -> collectActions(policy, false, granted));
        List<String> services = new ArrayList<>();
        for (String service : ColdStartProbe.SERVICES) {
            if (granted.stream().anyMatch(action -> action.startsWith(service + ":"))) {
                services.add(service);
            }
        }
        return services;
    }

    /** Every string under an {@code Action} key, lower-cased, at any depth of the policy. */
    private static void collectActions(Object node, boolean underAction, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectActions(value, "Action".equals(key), out));
        } else if (node instanceof Collection<?> list) {
            list.forEach(item -> collectActions(item, underAction, out));
        } else if (underAction && node instanceof String action) {
            out.add(action.toLowerCase(Locale.ROOT));
        }
    }
}
