package io.shopsense.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void storefrontToken_withACustomerClaim_isThatCustomer_andNotTheBackOffice() {
        Caller caller = Caller.of(jwt(Map.of("scope", "storefront", "customer_id", "12347"), List.of("storefront")));

        assertThat(caller.backOffice()).isFalse();
        assertThat(caller.customerId()).contains("12347");
    }

    @Test
    void storefront_seesOnlyItsOwnCustomer_whateverTheRequestNames() {
        Caller customer = new Caller(false, Optional.of("12347"));

        assertThat(customer.customerFor("12347")).contains("12347");
        assertThat(customer.customerFor(null)).contains("12347");
        assertThat(customer.customerFor("12348")).isEmpty();
        assertThat(Caller.anonymous().customerFor("12347")).isEmpty();
        assertThat(Caller.anonymous().customerFor(null)).isEmpty();
    }

    @Test
    void backOffice_seesWhoeverTheRequestNames() {
        Caller backOffice = Caller.of(jwt(Map.of("scope", "admin"), List.of("admin")));

        assertThat(backOffice.backOffice()).isTrue();
        assertThat(backOffice.customerFor("12348")).contains("12348");
        assertThat(backOffice.customerFor(null)).isEmpty();
    }

    @Test
    void scopes_areReadFromTheScopeAndScpClaims_whenTheAuthoriserListsNone() {
        assertThat(Caller.of(jwt(Map.of("scope", "openid admin"), null)).backOffice()).isTrue();
        assertThat(Caller.of(jwt(Map.of("scp", "[storefront admin]"), List.of())).backOffice()).isTrue();
        assertThat(Caller.of(jwt(Map.of("scope", "storefront administrator"), List.of())).backOffice()).isFalse();
    }

    @Test
    void iamCallers_areTheBackOffice() {
        APIGatewayV2HTTPEvent event = withAuthorizer(new Authorizer(null, null, new RequestContext.IAM()));

        assertThat(Caller.of(event)).isEqualTo(new Caller(true, Optional.empty()));
    }

    @Test
    void noAuthoriser_orAClaimThatIsNotAnId_isAnAnonymousVisitor() {
        assertThat(Caller.of(new APIGatewayV2HTTPEvent())).isEqualTo(Caller.anonymous());
        assertThat(Caller.of(withAuthorizer(null))).isEqualTo(Caller.anonymous());
        assertThat(Caller.of(jwt(Map.of("scope", "storefront", "customer_id", "../12347"), List.of())))
                .isEqualTo(Caller.anonymous());
        assertThat(Caller.of(jwt(Map.of("scope", "storefront", "customer_id", " "), List.of())))
                .isEqualTo(Caller.anonymous());
    }

    @Test
    void theRequestGivesTheCallerOfItsEvent() {
        APIGatewayV2HTTPEvent event = jwt(Map.of("scope", "storefront", "customer_id", "c-1"), List.of("storefront"));

        assertThat(new ApiRequest(event).caller()).isEqualTo(new Caller(false, Optional.of("c-1")));
    }

    private static APIGatewayV2HTTPEvent jwt(Map<String, String> claims, List<String> scopes) {
        return withAuthorizer(new Authorizer(new Authorizer.JWT(new HashMap<>(claims), scopes), null, null));
    }

    private static APIGatewayV2HTTPEvent withAuthorizer(Authorizer authorizer) {
        RequestContext context = new RequestContext();
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        return event;
    }
}
