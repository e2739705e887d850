package io.shopsense.local.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What IAM would authorise for one storage request: the action and the resource ARN, as AWS evaluates a function's
 * policy (S3 in path style, DynamoDB by {@code X-Amz-Target} and the tables its body names, Secrets Manager by the
 * secret its body names, EMR Serverless's StartJobRun by its application and the role its body passes).
 *
 * @param action   e.g. {@code s3:GetObject}, {@code dynamodb:Query}
 * @param resource the ARN the action is on (an object, a bucket, a table or an index)
 * @param s3Prefix the {@code s3:prefix} condition key of a ListBucket, or null
 * @param because  why a request needs an action it does not name, or null
 * @param passedToService the {@code iam:PassedToService} condition key of a PassRole, or null
 */
public record IamAccess(String action, String resource, String s3Prefix, String because, String passedToService) {
    /** The service StartJobRun hands its execution role to. */
    static final String EMR_SERVERLESS = "emr-serverless.amazonaws.com";
    private static final String MISSING_KEY = "a GET or HEAD of a missing key answers 404 only with ListBucket on the"
            + " bucket (no prefix condition applies), else 403: list the key instead";

    public IamAccess(String action, String resource, String s3Prefix) {
        this(action, resource, s3Prefix, null, null);
    }

    public IamAccess(String action, String resource, String s3Prefix, String because) {
        this(action, resource, s3Prefix, because, null);
    }

    /** The value of a condition key as IAM would see it for this request; null when the request has none. */
    public String conditionValue(String key) {
        return switch (key) {
            case "s3:prefix" -> s3Prefix;
            case "iam:PassedToService" -> passedToService;
            default -> null;
        };
    }

    /**
     * The accesses one request needs, given the status it was answered with: a CopyObject needs two (read the
     * source, write the target), and a read of a missing object needs ListBucket to be told 404 rather than 403.
     */
    public static List<IamAccess> of(FaultProxy.Request request, int status, String region, String account) {
        if (request.operation() == null) {
            return s3(request, status);
        }
        if (request.operation().startsWith("emr-serverless:")) {
            return emrServerless(request, region, account);
        }
        return request.operation().startsWith("secretsmanager:") ? secretsManager(request)
                : dynamoDb(request, region, account);
    }

    /**
     * StartJobRun is on the application its path names, and passes the execution role its body names to the service
     * ({@code iam:PassRole} on that role).
     */
    private static List<IamAccess> emrServerless(FaultProxy.Request request, String region, String account) {
        String path = request.path().replaceFirst("\\?.*$", "");
        String application = decode(path.split("/")[2]);
        JsonNode body = request.body();
        return List.of(new IamAccess(request.operation(), "arn:aws:emr-serverless:" + region + ":" + account
                        + ":/applications/" + application, null),
                new IamAccess("iam:PassRole", body == null ? "?" : body.path("executionRoleArn").asText("?"), null,
                        "StartJobRun hands its execution role to EMR Serverless", EMR_SERVERLESS));
    }

    /** A Secrets Manager call is on the secret its body names (the ARN, as the functions are given it). */
    private static List<IamAccess> secretsManager(FaultProxy.Request request) {
        JsonNode body = request.body();
        return List.of(new IamAccess(request.operation(), body == null ? "?" : body.path("SecretId").asText("?"), null));
    }

    private static List<IamAccess> s3(FaultProxy.Request request, int status) {
        String path = request.path();
        int q = path.indexOf('?');
        Map<String, String> query = query(q < 0 ? "" : path.substring(q + 1));
        String[] bucketAndKey = (q < 0 ? path : path.substring(0, q)).replaceFirst("^/", "").split("/", 2);
        String bucket = bucketAndKey[0];
        String key = bucketAndKey.length > 1 ? decode(bucketAndKey[1]) : "";
        String bucketArn = "arn:aws:s3:::" + bucket;
        if (key.isEmpty()) {
            return switch (request.method()) {
                case "GET", "HEAD" -> query.containsKey("location") ? List.of(new IamAccess("s3:GetBucketLocation", bucketArn, null))
                        : List.of(new IamAccess("s3:ListBucket", bucketArn, query.get("prefix")));
                // DeleteObjects names its keys in the body, which the proxy does not read: the bucket's objects stand in.
                case "POST" -> List.of(new IamAccess("s3:DeleteObject", bucketArn + "/*", null));
                default -> List.of(new IamAccess("s3:" + request.method() + "Bucket", bucketArn, null));
            };
        }
        String objectArn = bucketArn + "/" + key;
        List<IamAccess> accesses = new ArrayList<>();
        switch (request.method()) {
            case "GET", "HEAD" -> {
                accesses.add(new IamAccess("s3:GetObject", objectArn, null));
                if (status == 404) {
                    accesses.add(new IamAccess("s3:ListBucket", bucketArn, null, MISSING_KEY));
                }
            }
            // PUT, and the multipart calls (create, upload part, complete) are all PutObject to IAM.
            case "PUT", "POST" -> accesses.add(new IamAccess("s3:PutObject", objectArn, null));
            case "DELETE" -> accesses.add(new IamAccess(query.containsKey("uploadId") ? "s3:AbortMultipartUpload"
                    : "s3:DeleteObject", objectArn, null));
            default -> accesses.add(new IamAccess("s3:" + request.method(), objectArn, null));
        }
        if (request.copySource() != null) {
            String source = decode(request.copySource().replaceFirst("^/", "").replaceFirst("\\?.*$", ""));
            accesses.add(new IamAccess("s3:GetObject", "arn:aws:s3:::" + source, null));
        }
        return accesses;
    }

    private static List<IamAccess> dynamoDb(FaultProxy.Request request, String region, String account) {
        String action = "dynamodb:" + request.operation();
        String tables = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        JsonNode body = request.body();
        List<IamAccess> accesses = new ArrayList<>();
        if (body == null) {
            accesses.add(new IamAccess(action, tables + "?", null)); // a body we could not read names no table
        } else if (body.has("RequestItems")) { // BatchGetItem, BatchWriteItem
            body.get("RequestItems").fieldNames().forEachRemaining(t -> accesses.add(new IamAccess(action, tables + t, null)));
        } else if (body.has("TransactItems")) { // TransactGetItems, TransactWriteItems: each item is its own action
            for (JsonNode item : body.get("TransactItems")) {
                item.fields().forEachRemaining(e -> accesses.add(new IamAccess(
                        "dynamodb:" + transactAction(e.getKey()), tables + e.getValue().path("TableName").asText(), null)));
            }
        } else if (body.has("TableName")) {
            String table = tables + body.get("TableName").asText();
            accesses.add(new IamAccess(action, body.has("IndexName")
                    ? table + "/index/" + body.get("IndexName").asText() : table, null));
        } else {
            accesses.add(new IamAccess(action, "*", null)); // ListTables and the like: account-wide actions
        }
        return accesses;
    }

    private static String transactAction(String kind) {
        return switch (kind) {
            case "Put" -> "PutItem";
            case "Update" -> "UpdateItem";
            case "Delete" -> "DeleteItem";
            case "ConditionCheck" -> "ConditionCheckItem";
            default -> "GetItem"; // TransactGetItems' Get
        };
    }

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return parameters;
    }

    /** Percent-decoding as S3 encodes paths: a literal {@code +} stays a plus. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
