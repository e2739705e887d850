package io.shopsense.local.cli;

import io.shopsense.http.ApiException;
import io.shopsense.http.ApiRequest;
import io.shopsense.http.Caller;
import io.shopsense.local.cloud.ApiTokens;
import io.shopsense.local.template.StackTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code token --scope storefront|admin [--customer ID] [--ttl 1h]}: a JWT the local gateway accepts, signed with the
 * local issuer's key ({@code .shopsense/signing-key.jwk}, made on first use) for the template's authoriser. Storefront
 * tokens reach the storefront routes only; {@code --customer} makes it a signed-in customer's, whose own orders and
 * history the storefront routes then show.
 */
@Command(name = "token", description = "Mint an API token for the local cloud (storefront or back office).")
final class TokenCommand implements Callable<Integer> {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhd])");

    @Option(names = "--scope", required = true, description = "storefront or admin (the back office).")
    String scope;

    @Option(names = "--customer", description = "The signed-in customer (storefront tokens only).")
    String customer;

    @Option(names = "--ttl", defaultValue = "1h", description = "How long it is valid: 90s, 30m, 12h, 7d or ISO-8601 (PT1H).")
    String ttl;

    @Override
    public Integer call() throws Exception {
        if (!scope.equals(Caller.STOREFRONT_SCOPE) && !scope.equals(Caller.BACK_OFFICE_SCOPE)) {
            throw new UsageException("--scope must be " + Caller.STOREFRONT_SCOPE + " or " + Caller.BACK_OFFICE_SCOPE);
        }
        if (customer != null) {
            if (!scope.equals(Caller.STOREFRONT_SCOPE)) {
                throw new UsageException("--customer names a signed-in shopper: use it with --scope storefront");
            }
            try {
                ApiRequest.checkId("--customer", customer);
            } catch (ApiException notAnId) {
                throw new UsageException(notAnId.getMessage());
            }
        }
        Duration validFor = duration(ttl);
        Workspace workspace = Workspace.detect();
        workspace.requireTemplate();
        var authorizer = StackTemplate.load(workspace.template(), CloudLauncher.STACK_NAME, Map.of()).jwtAuthorizer()
                .orElseThrow(() -> new UsageException("template.yaml's HTTP API has no JWT authoriser to mint for"));
        ApiTokens tokens = new ApiTokens(ApiTokens.loadOrCreate(workspace.signingKeyFile()), authorizer,
                Clock.systemUTC());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", tokens.mint(scope, Optional.ofNullable(customer), validFor));
        out.put("scope", scope);
        out.put("customerId", customer);
        out.put("expiresAt", Instant.now().plus(validFor).toString());
        Output.result(out);
        return 0;
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d} or ISO-8601; positive and at most 30 days. */
    static Duration duration(String text) {
        Duration parsed;
        Matcher m = SHORT_DURATION.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            parsed = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                parsed = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new UsageException("--ttl must be like 90s, 30m, 12h, 7d or PT1H, not " + text);
            }
        }
        if (parsed.isNegative() || parsed.isZero() || parsed.compareTo(Duration.ofDays(30)) > 0) {
            throw new UsageException("--ttl must be more than 0 and at most 30 days");
        }
        return parsed;
    }
}
