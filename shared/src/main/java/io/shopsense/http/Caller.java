package io.shopsense.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as API Gateway verified it: the shop's back office (a JWT with the {@value #BACK_OFFICE_SCOPE}
 * scope, or any IAM caller) or the storefront, acting for an anonymous visitor or for the signed-in customer named in
 * the token's {@value #CUSTOMER_CLAIM} claim. Read from {@code requestContext.authorizer} only, never from the body or
 * path: per-customer answers on storefront routes go to that customer alone.
 *
 * @param backOffice true for the back office, which may read any customer
 * @param customerId the signed-in customer of a storefront token; empty for an anonymous visitor
 */
public record Caller(boolean backOffice, Optional<String> customerId) {
    /** The scope a storefront's tokens carry (storefront routes only). */
    public static final String STOREFRONT_SCOPE = "storefront";
    /** The scope the back office's tokens carry (every route). */
    public static final String BACK_OFFICE_SCOPE = "admin";
    /** The verified claim naming the signed-in customer (the shop's customer id, as in its exports). */
    public static final String CUSTOMER_CLAIM = "customer_id";

    public Caller {
        customerId = customerId.filter(id -> !id.isBlank());
    }

    /** A caller with no verified identity: what an anonymous visitor may see, nothing more. */
    public static Caller anonymous() {
        return new Caller(false, Optional.empty());
    }

    /** The caller of an HTTP API v2 event, from the claims and scopes its authoriser verified. */
    public static Caller of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        if (authorizer == null) {
            return anonymous();
        }
        if (authorizer.getIam() != null) {
            return new Caller(true, Optional.empty());
        }
        var jwt = authorizer.getJwt();
        if (jwt == null) {
            return anonymous();
        }
        Map<String, String> claims = jwt.getClaims() == null ? Map.of() : jwt.getClaims();
        boolean backOffice = scopes(jwt.getScopes(), claims).contains(BACK_OFFICE_SCOPE);
        return new Caller(backOffice, Optional.ofNullable(claims.get(CUSTOMER_CLAIM)).filter(Caller::isId));
    }

    /**
     * The customer whose own data (orders, purchase history) may be shown in an answer about {@code requested} (null
     * when the request names nobody): for the back office, whoever is named; for the storefront, only its signed-in
     * customer, and nobody when the request names someone else.
     */
    public Optional<String> customerFor(String requested) {
        if (backOffice) {
            return Optional.ofNullable(requested);
        }
        if (requested == null) {
            return customerId;
        }
        return customerId.filter(requested::equals);
    }

    /**
     * The token's scopes: the authoriser's {@code scopes} list with those of the {@code scope} claim (space-separated,
     * as OAuth 2.0 and Cognito write it) and the {@code scp} claim (an array, which API Gateway passes as {@code [a b]}).
     */
    static Set<String> scopes(List<String> verified, Map<String, String> claims) {
        Set<String> scopes = new LinkedHashSet<>(verified == null ? List.of() : verified);
        for (String claim : new String[] {claims.get("scope"), claims.get("scp")}) {
            if (claim != null) {
                for (String scope : claim.replace("[", " ").replace("]", " ").trim().split("[\\s,]+")) {
                    if (!scope.isEmpty()) {
                        scopes.add(scope);
                    }
                }
            }
        }
        return scopes;
    }

    /** A claim that is not a valid id names nobody (the issuer's mistake is not the visitor's key to others). */
    private static boolean isId(String value) {
        try {
            ApiRequest.checkId(CUSTOMER_CLAIM, value);
            return true;
        } catch (ApiException notAnId) {
            return false;
        }
    }
}
