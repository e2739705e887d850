package io.shopsense.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.shopsense.runtime.Environment;
import io.shopsense.store.AwsClients;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Test function: records each S3 notification it receives in the table its environment names. */
public final class RecordingHandler implements RequestHandler<S3Event, String> {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public RecordingHandler() {
        Environment env = Environment.current();
        this.dynamoDb = AwsClients.dynamoDb(env);
        this.table = env.require("EVENTS_TABLE");
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        for (var record : event.getRecords()) {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of("objectKey", AttributeValue.fromS(record.getS3().getObject().getUrlDecodedKey())))
                    .updateExpression("ADD deliveries :one SET #bucket = :bucket, eTag = :etag, eventName = :name,"
                            + " objectSize = :size, #memory = :memory")
                    .expressionAttributeNames(Map.of("#bucket", "bucket", "#memory", "memory"))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":bucket", AttributeValue.fromS(record.getS3().getBucket().getName()),
                            ":etag", AttributeValue.fromS(record.getS3().getObject().geteTag()),
                            ":name", AttributeValue.fromS(record.getEventName()),
                            ":size", AttributeValue.fromN(Long.toString(record.getS3().getObject().getSizeAsLong())),
                            ":memory", AttributeValue.fromN(Integer.toString(context.getMemoryLimitInMB())))));
        }
        return "recorded " + event.getRecords().size();
    }
}
