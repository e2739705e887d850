package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shopsense.local.LocalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same provisioning against LocalStack. Runs only where a Docker engine and {@code LOCALSTACK_AUTH_TOKEN} exist
 * (the LocalStack image needs a token since March 2026); elsewhere it is skipped and says why.
 */
class LocalStackIT {

    @Test
    void provisioningFromTheProjectTemplate_worksAgainstLocalStack() throws Exception {
        String token = LocalSettings.localStackToken().orElse(null);
        assumeTrue(token != null, "skipped: LOCALSTACK_AUTH_TOKEN is not set");
        assumeTrue(dockerAvailable(), "skipped: no Docker engine on this machine");
        try (LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse("localstack/localstack"))
                .withEnv("LOCALSTACK_AUTH_TOKEN", token)) {
            localStack.start();
            try (LocalCloud cloud = LocalCloud.start(LocalCloud.Options.builder(Path.of("../template.yaml"))
                    .externalEndpoint(localStack.getEndpoint()).noHttpApi().retryDelays(List.of(Duration.ofMillis(50)))
                    .build())) {
                assertThat(cloud.dynamoDbClient().listTables().tableNames()).contains("shopsense-profiles",
                        "shopsense-ingestions");
                assertThat(cloud.s3Client().listBuckets().buckets()).extracting(b -> b.name())
                        .contains("shopsense-data-000000000000");
            }
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }
}
