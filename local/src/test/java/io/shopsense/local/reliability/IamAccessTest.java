package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamAccessTest {
    private static final String TABLES = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    private static List<IamAccess> s3(String method, String path, String copySource) {
        return IamAccess.of(new FaultProxy.Request(method, path, null, copySource, null), 200, "us-east-1",
                "000000000000");
    }

    private static List<IamAccess> dynamoDb(String operation, String body) throws Exception {
        return IamAccess.of(new FaultProxy.Request("POST", "/", operation, null, new ObjectMapper().readTree(body)),
                200, "us-east-1", "000000000000");
    }

    @Test
    void s3PathStyleRequests_becomeObjectAndBucketActions() {
        assertThat(s3("GET", "/data/clean/events/a%20b+c.jsonl", null))
                .containsExactly(new IamAccess("s3:GetObject", "arn:aws:s3:::data/clean/events/a b+c.jsonl", null));
        assertThat(s3("HEAD", "/data/models/m.json", null))
                .containsExactly(new IamAccess("s3:GetObject", "arn:aws:s3:::data/models/m.json", null));
        assertThat(s3("PUT", "/data/reports/r.json?partNumber=2&uploadId=u", null))
                .containsExactly(new IamAccess("s3:PutObject", "arn:aws:s3:::data/reports/r.json", null));
        assertThat(s3("GET", "/data?list-type=2&prefix=models%2Fprofiles%2F", null))
                .containsExactly(new IamAccess("s3:ListBucket", "arn:aws:s3:::data", "models/profiles/"));
        assertThat(s3("GET", "/data/?list-type=2", null))
                .containsExactly(new IamAccess("s3:ListBucket", "arn:aws:s3:::data", null));
    }

    @Test
    void secretsManagerCalls_areOnTheSecretTheBodyNames() throws Exception {
        String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:shopsense-shop-secret-local0";

        List<IamAccess> accesses = IamAccess.of(new FaultProxy.Request("POST", "/", "secretsmanager:GetSecretValue",
                null, new ObjectMapper().readTree("{\"SecretId\":\"" + arn + "\"}")), 200, "us-east-1", "000000000000");

        assertThat(accesses).containsExactly(new IamAccess("secretsmanager:GetSecretValue", arn, null));
    }

    @Test
    void aReadOfAMissingKey_needsListBucketOnTheWholeBucket_toBeAnswered404() {
        List<IamAccess> accesses = IamAccess.of(new FaultProxy.Request("HEAD", "/data/models/latest.json", null, null,
                null), 404, "us-east-1", "000000000000");

        assertThat(accesses).hasSize(2);
        assertThat(accesses.get(0)).isEqualTo(new IamAccess("s3:GetObject", "arn:aws:s3:::data/models/latest.json", null));
        assertThat(accesses.get(1).action()).isEqualTo("s3:ListBucket");
        assertThat(accesses.get(1).resource()).isEqualTo("arn:aws:s3:::data");
        assertThat(accesses.get(1).s3Prefix()).isNull();
        assertThat(accesses.get(1).because()).contains("404", "403");
    }

    @Test
    void copyObject_needsToReadTheSource_andWriteTheTarget() {
        assertThat(s3("PUT", "/data/clean/x", "/data/raw/x%3F?versionId=1")).containsExactly(
                new IamAccess("s3:PutObject", "arn:aws:s3:::data/clean/x", null),
                new IamAccess("s3:GetObject", "arn:aws:s3:::data/raw/x?", null));
    }

    @Test
    void dynamoDbRequests_nameTheirTablesAndIndexes() throws Exception {
        assertThat(dynamoDb("GetItem", "{\"TableName\":\"profiles\",\"Key\":{}}"))
                .containsExactly(new IamAccess("dynamodb:GetItem", TABLES + "profiles", null));
        assertThat(dynamoDb("Query", "{\"TableName\":\"profiles\",\"IndexName\":\"bySegment\"}"))
                .containsExactly(new IamAccess("dynamodb:Query", TABLES + "profiles/index/bySegment", null));
        assertThat(dynamoDb("BatchWriteItem", "{\"RequestItems\":{\"recs\":[],\"similar\":[]}}")).containsExactly(
                new IamAccess("dynamodb:BatchWriteItem", TABLES + "recs", null),
                new IamAccess("dynamodb:BatchWriteItem", TABLES + "similar", null));
        assertThat(dynamoDb("TransactWriteItems",
                "{\"TransactItems\":[{\"Put\":{\"TableName\":\"a\"}},{\"ConditionCheck\":{\"TableName\":\"b\"}}]}"))
                .containsExactly(new IamAccess("dynamodb:PutItem", TABLES + "a", null),
                        new IamAccess("dynamodb:ConditionCheckItem", TABLES + "b", null));
    }
}
