package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyAuditTest {
    private static final String BUCKET = "arn:aws:s3:::shop-data";
    private static final String PROFILES = "arn:aws:dynamodb:us-east-1:000000000000:table/profiles";

    private static Map<String, Object> statement(Object actions, Object resources) {
        return Map.of("Effect", "Allow", "Action", actions, "Resource", resources);
    }

    private static List<Object> policy(Object... statements) {
        return List.of(Map.of("Statement", List.of(statements)));
    }

    @Test
    void exactlyWhatWasUsed_hasNoFindings() {
        List<Object> policies = policy(
                statement(List.of("s3:GetObject", "s3:PutObject"), BUCKET + "/models/*"),
                statement("dynamodb:Query", PROFILES + "/index/bySegment"));
        List<IamAccess> used = List.of(
                new IamAccess("s3:GetObject", BUCKET + "/models/a.json", null),
                new IamAccess("s3:PutObject", BUCKET + "/models/b.json", null),
                new IamAccess("dynamodb:Query", PROFILES + "/index/bySegment", null));

        assertThat(PolicyAudit.findings("F", policies, used)).isEmpty();
    }

    @Test
    void aRequestNoStatementAllows_isReportedAsDenied() {
        List<Object> policies = policy(statement("s3:GetObject", BUCKET + "/models/*"));
        List<IamAccess> used = List.of(
                new IamAccess("s3:GetObject", BUCKET + "/models/a.json", null),
                new IamAccess("s3:GetObject", BUCKET + "/clean/x.jsonl", null),
                new IamAccess("dynamodb:Query", PROFILES, null)); // the table, not its index

        assertThat(PolicyAudit.findings("F", policies, used)).containsExactly(
                "F: would be denied dynamodb:Query on " + PROFILES,
                "F: would be denied s3:GetObject on " + BUCKET + "/clean/x.jsonl");
    }

    @Test
    void anActionOrResourceNeverUsed_isReportedAsUnused() {
        List<Object> policies = policy(statement(List.of("s3:GetObject", "s3:PutObject"),
                List.of(BUCKET + "/models/*", BUCKET + "/reports/*")));
        List<IamAccess> used = List.of(
                new IamAccess("s3:GetObject", BUCKET + "/models/a.json", null),
                new IamAccess("s3:PutObject", BUCKET + "/models/a.json", null),
                new IamAccess("s3:PutObject", BUCKET + "/reports/r.json", null));

        assertThat(PolicyAudit.findings("F", policies, used))
                .containsExactly("F: grants s3:GetObject on " + BUCKET + "/reports/*, never used");
    }

    @Test
    void listBucket_isAllowedOnlyUnderTheConditionsPrefixes_andEachPrefixMustBeUsed() {
        Map<String, Object> list = Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", BUCKET,
                "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("models/*", "faq/*"))));
        List<IamAccess> used = List.of(
                new IamAccess("s3:ListBucket", BUCKET, "models/profiles/"),
                new IamAccess("s3:ListBucket", BUCKET, "clean/"),
                new IamAccess("s3:ListBucket", BUCKET, null));

        assertThat(PolicyAudit.findings("F", policy(list), used)).containsExactly(
                "F: would be denied s3:ListBucket on " + BUCKET,
                "F: would be denied s3:ListBucket on " + BUCKET + " (prefix clean/)",
                "F: grants s3:ListBucket on " + BUCKET + " with prefix faq/*, never used");
    }

    @Test
    void passRole_isAllowedOnlyToTheServiceTheConditionNames() {
        String role = "arn:aws:iam::000000000000:role/spark-jobs";
        Map<String, Object> pass = Map.of("Effect", "Allow", "Action", List.of("iam:PassRole"), "Resource", role,
                "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "emr-serverless.amazonaws.com")));

        assertThat(PolicyAudit.findings("F", policy(pass), List.of(new IamAccess("iam:PassRole", role, null,
                "StartJobRun", "emr-serverless.amazonaws.com")))).isEmpty();
        assertThat(PolicyAudit.findings("F", policy(pass), List.of(new IamAccess("iam:PassRole", role, null,
                "RunInstances", "ec2.amazonaws.com")))).containsExactly(
                "F: would be denied iam:PassRole on " + role + ": RunInstances",
                "F: grants iam:PassRole on " + role + " with iam:PassedToService emr-serverless.amazonaws.com, never used");
    }

    @Test
    void whatCannotBeAudited_saysSo() {
        List<Object> policies = List.of(Map.of("DynamoDBCrudPolicy", Map.of("TableName", "profiles")),
                Map.of("Statement", List.of(Map.of("Effect", "Deny", "Action", "s3:*", "Resource", "*"))));

        assertThat(PolicyAudit.findings("F", policies, List.of())).hasSize(2)
                .allSatisfy(finding -> assertThat(finding).contains("cannot be audited"));
    }

    @Test
    void wildcards_followIam() {
        assertThat(PolicyAudit.matches("arn:aws:s3:::b/models/*", "arn:aws:s3:::b/models/x/y.json", false)).isTrue();
        assertThat(PolicyAudit.matches("arn:aws:s3:::b/models/?.json", "arn:aws:s3:::b/models/ab.json", false)).isFalse();
        assertThat(PolicyAudit.matches("S3:getobject", "s3:GetObject", true)).isTrue();
        assertThat(PolicyAudit.matches("arn:aws:s3:::b/Models/*", "arn:aws:s3:::b/models/x", false)).isFalse();
    }
}
