package io.shopsense.local.cloud;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.shopsense.local.template.Specs.JwtAuthorizerSpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's JWT authoriser, checking what API Gateway's does: one {@code Authorization} header holding a JWS
 * signed by the issuer's key (ES256), {@code iss} equal to the configured issuer, an {@code aud} among the configured
 * audiences, {@code exp} in the future and {@code nbf} (if any) past, and one of the route's
 * {@code AuthorizationScopes} in the token's {@code scope} (or {@code scp}) claim. A refusal says which check failed;
 * an accepted token yields the claims and scopes API Gateway passes to the function.
 * <p>
 * A token's signature is verified once and remembered by its exact text (as Envoy's {@code jwt_authn} cache does):
 * an ES256 check costs about a millisecond of CPU, which the gateway otherwise spent on every request of a client
 * reusing its token, the bulk of its own time. The checks that depend on the clock or the route (expiry, not-before,
 * scopes) and issuer and audience still run on every request, so a remembered token expires on time.
 */
public final class JwtAuthorizer {
    /**
     * The answer: {@code status} 200 with the verified claims (as API Gateway passes them, every value a string)
     * and scopes, or 401/403 with an error code and a message safe to show.
     */
    public record Decision(int status, String error, String message, Map<String, String> claims, List<String> scopes) {
        static Decision refuse(int status, String error, String message) {
            return new Decision(status, error, message, Map.of(), List.of());
        }

        public boolean allowed() {
            return status == 200;
        }
    }

    /** Tokens whose signature verified, by their exact text; cleared when full (tokens live an hour at most). */
    static final int VERIFIED_TOKENS_KEPT = 4096;

    /** What a verified token holds, computed once: its claims as API Gateway passes them and its scopes. */
    private record Verified(JWTClaimsSet claims, Map<String, String> stringClaims, List<String> scopes) {
    }

    private final JwtAuthorizerSpec spec;
    private final JWSVerifier verifier;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public JwtAuthorizer(JwtAuthorizerSpec spec, ECKey issuerKey, Clock clock) {
        this(spec, ecdsaVerifier(issuerKey), clock);
    }

    JwtAuthorizer(JwtAuthorizerSpec spec, JWSVerifier verifier, Clock clock) {
        this.spec = spec;
        this.verifier = verifier;
        this.clock = clock;
    }

    private static JWSVerifier ecdsaVerifier(ECKey issuerKey) {
        try {
            return new ECDSAVerifier(issuerKey.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not an EC public key the verifier accepts", e);
        }
    }

    /** Checks the request's {@code Authorization} header values against a route's scopes (none listed: any). */
    public Decision authorize(List<String> authorizationHeaders, List<String> routeScopes) {
        if (authorizationHeaders == null || authorizationHeaders.isEmpty()) {
            return unauthorized("send Authorization: Bearer <token>; ./shopsense token --scope storefront|admin mints one");
        }
        if (authorizationHeaders.size() > 1) {
            return unauthorized("send exactly one Authorization header");
        }
        String value = authorizationHeaders.get(0).trim();
        String token = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
        Verified known = verified.get(token);
        if (known == null) {
            SignedJWT jwt;
            JWTClaimsSet parsed;
            try {
                jwt = SignedJWT.parse(token);
                parsed = jwt.getJWTClaimsSet();
            } catch (ParseException notAJws) {
                return unauthorized("the bearer token is not a signed JWT");
            }
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !verifies(jwt)) {
                return unauthorized("the token's signature does not verify with the issuer's key");
            }
            known = new Verified(parsed, Collections.unmodifiableMap(stringClaims(parsed)), List.copyOf(scopes(parsed)));
            if (verified.size() >= VERIFIED_TOKENS_KEPT) {
                verified.clear();
            }
            verified.put(token, known);
        }
        JWTClaimsSet claims = known.claims();
        if (!spec.issuer().equals(claims.getIssuer())) {
            return unauthorized("the token's iss is not the issuer " + spec.issuer());
        }
        if (claims.getAudience() == null || Collections.disjoint(claims.getAudience(), spec.audiences())) {
            return unauthorized("the token's aud is not one of " + spec.audiences());
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().isAfter(now)) {
            return unauthorized("the token has expired (or has no exp)");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now)) {
            return unauthorized("the token is not valid yet (nbf)");
        }
        List<String> scopes = known.scopes();
        if (!routeScopes.isEmpty() && Collections.disjoint(scopes, routeScopes)) {
            return Decision.refuse(403, "forbidden", "this route needs a token with scope "
                    + String.join(" or ", routeScopes) + "; this token has " + (scopes.isEmpty() ? "none" : scopes));
        }
        return new Decision(200, null, null, known.stringClaims(), scopes);
    }

    private boolean verifies(SignedJWT jwt) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException unusable) {
            return false;
        }
    }

    private static Decision unauthorized(String message) {
        return Decision.refuse(401, "unauthorized", message);
    }

    /** The {@code scope} claim split at spaces, or the {@code scp} claim's list, as API Gateway reads them. */
    private static List<String> scopes(JWTClaimsSet claims) {
        List<String> scopes = new ArrayList<>();
        if (claims.getClaim("scope") instanceof String scope) {
            for (String s : scope.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        }
        if (claims.getClaim("scp") instanceof List<?> scp) {
            scp.forEach(s -> scopes.add(String.valueOf(s)));
        }
        return scopes;
    }

    /**
     * Claims as API Gateway hands them to a function: strings as they are, times as epoch seconds, arrays as
     * {@code [a b]}.
     */
    private static Map<String, String> stringClaims(JWTClaimsSet claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Date date) {
                out.put(name, Long.toString(date.toInstant().getEpochSecond()));
            } else if (value instanceof List<?> list) {
                List<String> items = list.stream().map(String::valueOf).toList();
                out.put(name, items.size() == 1 ? items.get(0) : "[" + String.join(" ", items) + "]");
            } else {
                out.put(name, String.valueOf(value));
            }
        });
        return out;
    }
}
