package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.shopsense.runtime.Environment;
import io.shopsense.runtime.Priming;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringPrimingTest {
    /** Endpoints nobody listens on: priming must warm the clients' classes without sending a request. */
    private static final Map<String, String> OFFLINE = Map.of(
            "AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret",
            "DATA_BUCKET", "bucket", "PROFILES_TABLE", "profiles", "SHOP_SECRET_ARN", "arn:aws:secretsmanager:x");

    @Test
    void fromEnv_registersPrimingOnlyInASnapStartInit() {
        int before = Priming.registered();
        Environment.bind(OFFLINE, Wiring::fromEnv);
        assertThat(Priming.registered()).isEqualTo(before);

        Map<String, String> snapStart = new HashMap<>(OFFLINE);
        snapStart.put(Priming.INITIALIZATION_TYPE, Priming.SNAP_START);
        Environment.bind(snapStart, Wiring::fromEnv);
        assertThat(Priming.registered()).isEqualTo(before + 1);
    }

    @Test
    void prime_afterTheClientsAreBuilt_sendsNothingAndSucceeds() {
        Wiring wiring = Wiring.of(Environment.of(OFFLINE), Clock.systemUTC());
        wiring.dataBucket();
        wiring.profileStore();

        assertThatCode(wiring::prime).doesNotThrowAnyException();
    }
}
