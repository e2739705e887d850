package io.shopsense.local.cloud;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.StackTemplate;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda {@link Context} of one local invocation: remaining time and memory follow the template. */
final class LocalContext implements Context {
    private final FunctionSpec function;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineMillis;

    LocalContext(FunctionSpec function) {
        this.function = function;
        this.deadlineMillis = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + function.name(); }
    @Override public String getLogStreamName() { return "local/" + requestId; }
    @Override public String getFunctionName() { return function.name(); }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + StackTemplate.LOCAL_REGION + ":" + StackTemplate.LOCAL_ACCOUNT + ":function:" + function.name();
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }
    @Override public int getMemoryLimitInMB() { return function.memoryMb(); }
    @Override public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.err.println(message); }
            @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
