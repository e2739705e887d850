package io.shopsense.store;

import java.io.IOException;
import java.util.List;

/**
 * Starts a Spark job run somewhere else (EMR Serverless in AWS, Spark local mode in the local cloud): the port the
 * scheduled functions hand heavy work to (docs/architecture.md §7). The run reports its end on its own (an EventBridge
 * "EMR Serverless Job Run State Change"), never through this call.
 */
public interface SparkJobLauncher {

    /**
     * One job run.
     *
     * @param name                  a readable name (not unique)
     * @param clientToken           the idempotency token: starting the same token twice starts one run
     * @param entryPoint            the jobs jar ({@code s3://bucket/jobs/…jar})
     * @param entryPointArguments   the job and its arguments, as {@code ./shopsense spark JOB …} takes them
     * @param sparkSubmitParameters {@code --class …} and Spark settings
     */
    record JobRun(String name, String clientToken, String entryPoint, List<String> entryPointArguments,
                  String sparkSubmitParameters) {
        public JobRun {
            entryPointArguments = List.copyOf(entryPointArguments);
        }
    }

    /**
     * Starts the run (or finds the one its token already started).
     *
     * @return the job run's id
     * @throws IOException when the service refuses or cannot be reached (the caller's invocation fails and is retried)
     */
    String start(JobRun run) throws IOException;
}
