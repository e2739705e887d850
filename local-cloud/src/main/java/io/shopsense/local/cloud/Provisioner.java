package io.shopsense.local.cloud;

import io.shopsense.local.template.Specs.BucketSpec;
import io.shopsense.local.template.Specs.IndexSpec;
import io.shopsense.local.template.Specs.KeyAttribute;
import io.shopsense.local.template.Specs.TableSpec;
import io.shopsense.local.template.StackTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates exactly the buckets and tables a template declares (keys, attribute types, global secondary indexes),
 * skipping those that already exist, so provisioning twice is harmless. What the emulator cannot do (TTL on
 * dynalite) is skipped with a one-line notice.
 */
public final class Provisioner {
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;

    public Provisioner(S3Client s3, DynamoDbClient dynamoDb) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
    }

    /** Provisions the stack; returns what was created, by kind, for the start-up summary. */
    public Map<String, List<String>> provision(StackTemplate template) {
        Map<String, List<String>> created = new LinkedHashMap<>();
        created.put("buckets", new ArrayList<>());
        created.put("tables", new ArrayList<>());
        for (BucketSpec bucket : template.buckets()) {
            if (createBucket(bucket.name())) {
                created.get("buckets").add(bucket.name());
            }
        }
        Set<String> existing = new HashSet<>(dynamoDb.listTablesPaginator().tableNames().stream().toList());
        for (TableSpec table : template.tables()) {
            if (!existing.contains(table.name())) {
                createTable(table);
                created.get("tables").add(table.name());
            }
        }
        return created;
    }

    private boolean createBucket(String name) {
        try {
            s3.headBucket(b -> b.bucket(name));
            return false;
        } catch (NoSuchBucketException missing) {
            // fall through and create it
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        try {
            s3.createBucket(b -> b.bucket(name));
            return true;
        } catch (BucketAlreadyOwnedByYouException raced) {
            return false;
        }
    }

    private void createTable(TableSpec table) {
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        table.keys().forEach(k -> attributeTypes.put(k.name(), k.type()));
        table.indexes().forEach(i -> i.keys().forEach(k -> attributeTypes.put(k.name(), k.type())));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributeTypes.entrySet().stream()
                        .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                        .toList())
                .keySchema(keySchema(table.keys()));
        if (!table.indexes().isEmpty()) {
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (IndexSpec index : table.indexes()) {
                indexes.add(GlobalSecondaryIndex.builder()
                        .indexName(index.name())
                        .keySchema(keySchema(index.keys()))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build());
            }
            request.globalSecondaryIndexes(indexes);
        }
        dynamoDb.createTable(request.build());
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
        table.ttlAttribute().ifPresent(attribute -> enableTtl(table.name(), attribute));
    }

    private void enableTtl(String table, String attribute) {
        try {
            dynamoDb.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
        } catch (AwsServiceException unsupported) {
            System.err.println("shopsense: TTL on " + table + "." + attribute + " skipped: this DynamoDB emulator does"
                    + " not support UpdateTimeToLive (" + unsupported.awsErrorDetails().errorCode() + ")");
        }
    }

    private static List<KeySchemaElement> keySchema(List<KeyAttribute> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.name()).keyType(k.keyType()).build())
                .toList();
    }
}
