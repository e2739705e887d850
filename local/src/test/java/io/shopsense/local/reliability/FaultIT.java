package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Storage failing under the functions: after Lambda's and the SDK's retries, the state of a fault-free day. */
@Tag("reliability")
class FaultIT {
    @Test
    void s3AndDynamoDbErrors_endInTheStateOfAFaultFreeDay() throws Exception {
        ReliabilitySuite.Result result = Suites.fromSystem().storageFaults();

        assertThat(result.problems()).isEmpty();
        assertThat(result.faultsInjected()).isGreaterThanOrEqualTo(10);
        assertThat(result.faultsSurvived()).isEqualTo(result.faultsInjected());
        assertThat(result.rowsLost() + result.rowsDoubled()).isZero();
    }

    @Test
    void dynamoDbKilledMidRunAndRestarted_endsInTheStateOfAFaultFreeDay() throws Exception {
        ReliabilitySuite.Result result = Suites.fromSystem().dynamoDbCrash();

        assertThat(result.problems()).isEmpty();
        assertThat(result.faultsInjected()).isEqualTo(4);
        assertThat(result.rowsLost() + result.rowsDoubled()).isZero();
    }
}
