package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A day, every read route and the assistant, each function's storage traffic recorded: the template's policies
 * allow every request made, and grant nothing the functions did not use.
 */
@Tag("reliability")
class LeastPrivilegeIT {
    @Test
    void everyPolicyGrant_isUsed_andEveryRequestIsAllowed() throws Exception {
        assertThat(Suites.fromSystem().leastPrivilege().problems()).isEmpty();
    }
}
