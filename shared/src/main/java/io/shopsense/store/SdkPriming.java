package io.shopsense.store;

import io.shopsense.runtime.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * SnapStart priming of the SDK (docs/architecture.md §9): runs every operation the stores make, once, through a client
 * built as {@link AwsClients} builds the function's own, but over {@link CannedHttpClient} and with placeholder
 * credentials. The first real request then finds the request path's classes (marshallers, signer, interceptors,
 * endpoint rules, unmarshallers: 100–250 classes per operation) already loaded and initialised. Nothing is sent, no
 * credential is resolved and nothing read is kept. A failure throws: {@code runtime.Priming} logs it and goes on.
 */
public final class SdkPriming {
    /** Placeholders, so the signer runs; the function's real credentials are resolved on its first request. */
    private static final AwsCredentialsProvider PLACEHOLDER = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("priming", "priming"));
    /** An empty listing is a valid answer to every S3 call the stores make (the others ignore the body). */
    private static final byte[] S3_ANSWER = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
            + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsTruncated>false</IsTruncated></ListBucketResult>")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON_ANSWER = "{}".getBytes(StandardCharsets.UTF_8);

    private SdkPriming() {
    }

    /** store.s3.S3ObjectStore's reads, writes, listings and deletes (multipart only past 8 MiB, left cold). */
    public static void s3(Environment env) {
        try (var s3 = AwsClients.s3(env, new CannedHttpClient(S3_ANSWER), PLACEHOLDER)) {
            try (var in = s3.getObject(b -> b.bucket("priming").key("k"))) {
                in.readAllBytes();
            }
            s3.putObject(b -> b.bucket("priming").key("k").contentType("application/json"),
                    RequestBody.fromBytes(JSON_ANSWER));
            s3.listObjectsV2Paginator(b -> b.bucket("priming").prefix("p/")).contents().forEach(o -> { });
            s3.deleteObject(b -> b.bucket("priming").key("k"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** store.dynamodb's item reads, conditional writes, queries, scans and batches. */
    public static void dynamoDb(Environment env) {
        Map<String, AttributeValue> key = Map.of("k", AttributeValue.fromS("v"));
        try (var dynamoDb = AwsClients.dynamoDb(env, new CannedHttpClient(JSON_ANSWER), PLACEHOLDER)) {
            dynamoDb.getItem(b -> b.tableName("priming").key(key).consistentRead(true));
            dynamoDb.putItem(b -> b.tableName("priming").item(key).conditionExpression("attribute_not_exists(k)"));
            dynamoDb.updateItem(b -> b.tableName("priming").key(key).updateExpression("SET n = :n")
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
            dynamoDb.deleteItem(b -> b.tableName("priming").key(key));
            dynamoDb.query(b -> b.tableName("priming").keyConditionExpression("k = :k")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("v"))));
            dynamoDb.scanPaginator(b -> b.tableName("priming")).items().forEach(item -> { });
            dynamoDb.batchGetItem(b -> b.requestItems(Map.of("priming", KeysAndAttributes.builder().keys(key).build())));
            dynamoDb.batchWriteItem(b -> b.requestItems(Map.of("priming", java.util.List.of(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(key).build()).build()))));
        }
    }

    /** The shop secret's one call. */
    public static void secretsManager(Environment env) {
        try (var secrets = AwsClients.secretsManager(env, new CannedHttpClient(JSON_ANSWER), PLACEHOLDER)) {
            secrets.getSecretValue(b -> b.secretId("priming"));
        }
    }
}
