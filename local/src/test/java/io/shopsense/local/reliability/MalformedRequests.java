package io.shopsense.local.reliability;

import io.shopsense.local.reliability.LoadRun.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Invalid API traffic, the one fuzz corpus: every route's invalid inputs, and a seeded generator of malformed requests
 * (the API's fuzz test and the reliability load run both draw from it).
 */
public final class MalformedRequests {
    private static final String[] PATHS = {"/users/%s/recommendations", "/users/%s/profile", "/items/%s/similar",
            "/segments/%s", "/audiences/%s", "/campaigns/%s/plan", "/campaigns/%s/results", "/users/%s", "/events", "/assistant/ask",
            "/%s"};
    private static final String[] METHODS = {"GET", "POST", "DELETE", "PUT"};
    private static final String[] QUERIES = {"", "?n=-1", "?n=99999999999", "?n=abc", "?limit=0&cursor=%25ZZ",
            "?date=2026-13-45", "?exclude=" + "x,".repeat(300), "?category=%00", "?n=10&n=20"};
    private static final String[] IDS = {"", "%2e%2e%2f%2e%2e", "a".repeat(300), "%E2%82%AC%F0%9F%98%80", "fuzz-user",
            "%3Cscript%3E"};
    private static final String[] BODIES = {null, "", "null", "[]", "{\"rows\":[{}]}", "{\"rows\":\"x\"}",
            "{\"events\":[1,2]}", "{\"question\":\"q\",\"userId\":{}}", "\u0000\u0001binary", "{\"a\":" + "[".repeat(500),
            "{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"purchase\",\"unitPrice\":1e309}",
            "{\"question\":\"" + "x".repeat(5000) + "\"}", "{\"question\":\"q\",\"question\":\"r\"}", "{\"rows\":[]} {}",
            "{\"userId\":\"a/b\",\"itemId\":\"i\",\"type\":\"view\"}"};

    private MalformedRequests() {
    }

    /** Malformed requests drawn from the corpus by a seeded generator (never a real customer: DELETEs are sent). */
    public static IntFunction<Call> generator(Random seed) {
        long base = seed.nextLong();
        return i -> {
            Random random = new Random(base + i);
            String path = String.format(PATHS[random.nextInt(PATHS.length)], IDS[random.nextInt(IDS.length)])
                    + QUERIES[random.nextInt(QUERIES.length)];
            return new Call(METHODS[random.nextInt(METHODS.length)], path, BODIES[random.nextInt(BODIES.length)]);
        };
    }

    /**
     * The 13 forged segment cursors, each of which must be a 400 with a JSON error: positions that decode to numbers
     * DynamoDB refuses ({@code NaN}, {@code 1e999}, {@code 1d}), an empty key, unsigned and re-signed positions, a
     * tampered signature, and a genuine cursor moved to another segment.
     *
     * @param genuine      a {@code nextCursor} the API gave out for the segment the cursors are sent to
     * @param otherSegment a {@code nextCursor} the API gave out for another segment
     */
    public static List<String> forgedCursors(String genuine, String otherSegment) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        java.util.function.Function<String, String> encode = text -> base64.encodeToString(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int dot = genuine.indexOf('.');
        String position = genuine.substring(0, dot);
        String tag = genuine.substring(dot + 1);
        String otherTag = otherSegment.substring(otherSegment.indexOf('.') + 1);
        String flipped = (tag.charAt(0) == 'A' ? "B" : "A") + tag.substring(1);
        return List.of(
                encode.apply("12347\nChampions\nNaN"),                      // the old unsigned form, NaN
                encode.apply("12347\nChampions\n1e999"),                    // a number beyond DynamoDB's range
                encode.apply("12347\nChampions\n1d"),                       // Java's double suffix
                encode.apply("\nChampions\n100"),                           // an empty key
                encode.apply("12347\nChampions\nNaN") + "." + tag,          // a forged position, a genuine tag
                encode.apply("12347\nChampions\n100") + "." + tag,          // a plausible position, a genuine tag
                position + "." + flipped,                                   // a tampered tag
                position + "." + otherTag,                                  // another segment's tag
                otherSegment,                                               // another segment's cursor, moved here
                position + ".",                                             // the tag cut off
                position,                                                   // no tag at all
                genuine + "." + tag,                                        // two tags
                position + "." + tag.substring(0, tag.length() - 4));       // a truncated tag
    }

    /** At least one invalid input per route, each of which must be a 4xx with a JSON error. */
    static List<Call> everyRoute() {
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("GET", "/users/%3Cscript%3E/recommendations", null));
        calls.add(new Call("GET", "/users/u1/recommendations?n=0", null));
        calls.add(new Call("GET", "/users/u1/recommendations?n=abc", null));
        calls.add(new Call("GET", "/users/" + "a".repeat(300) + "/profile", null));
        calls.add(new Call("GET", "/users/ghost/profile", null));
        calls.add(new Call("GET", "/items/%00/similar", null));
        calls.add(new Call("GET", "/items/x/similar?n=-1", null));
        calls.add(new Call("GET", "/segments/vip", null));
        calls.add(new Call("GET", "/segments/champions?limit=0", null));
        calls.add(new Call("GET", "/segments/champions?cursor=garbage", null));
        calls.add(new Call("GET", "/audiences/vip", null));
        calls.add(new Call("GET", "/audiences/segment-champions?limit=0", null));
        calls.add(new Call("GET", "/audiences/segment-champions?cursor=garbage", null));
        calls.add(new Call("GET", "/campaigns/spring-sale/plan?date=tomorrow", null));
        calls.add(new Call("GET", "/campaigns/%20/plan", null));
        calls.add(new Call("POST", "/campaigns/x/results", "{not json"));
        calls.add(new Call("POST", "/campaigns/x/results", "{\"rows\":[{\"date\":\"2024-13-01\"}]}"));
        calls.add(new Call("POST", "/campaigns/x/results", "{\"rows\":[]}"));
        // rows cleaning would reject (AdResultRules): a formula-looking channel, an impossible date, clicks > impressions
        calls.add(new Call("POST", "/campaigns/x/results", "{\"rows\":[{\"date\":\"2024-05-01\",\"hour\":1,"
                + "\"channel\":\"-x\",\"impressions\":1,\"clicks\":0,\"conversions\":0,\"spend\":1,\"revenue\":0}]}"));
        calls.add(new Call("POST", "/campaigns/x/results", "{\"rows\":[{\"date\":\"1900-01-01\",\"hour\":1,"
                + "\"channel\":\"x\",\"impressions\":1,\"clicks\":0,\"conversions\":0,\"spend\":1,\"revenue\":0}]}"));
        calls.add(new Call("POST", "/campaigns/x/results", "{\"rows\":[{\"date\":\"2024-05-01\",\"hour\":1,"
                + "\"channel\":\"x\",\"impressions\":1,\"clicks\":5,\"conversions\":0,\"spend\":1,\"revenue\":0}]}"));
        calls.add(new Call("POST", "/campaigns/x/results", "{\"rows\":[],\"rows\":[]}"));
        calls.add(new Call("DELETE", "/users/%3Cscript%3E", null));
        calls.add(new Call("POST", "/events", "{\"userId\":\"a\",\"itemId\":\"b\",\"type\":\"teleport\"}"));
        calls.add(new Call("POST", "/events", "{\"userId\":\"a\",\"itemId\":\"b\",\"type\":\"purchase\",\"unitPrice\":-1}"));
        calls.add(new Call("POST", "/events", "{\"events\":[]}"));
        calls.add(new Call("POST", "/events", "[]"));
        calls.add(new Call("POST", "/events", "{\"userId\":\"a\",\"itemId\":\"b\",\"type\":\"view\",\"ts\":\"yesterday\"}"));
        calls.add(new Call("POST", "/events", "{\"userId\":\"a/b\",\"itemId\":\"i\",\"type\":\"view\"}"));
        calls.add(new Call("POST", "/events", "{\"userId\":\"" + "u".repeat(300) + "\",\"itemId\":\"i\",\"type\":\"view\"}"));
        calls.add(new Call("POST", "/events", "{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\"} trailing"));
        calls.add(new Call("POST", "/events", "{\"userId\":\"u\",\"userId\":\"v\",\"itemId\":\"i\",\"type\":\"view\"}"));
        calls.add(new Call("POST", "/assistant/ask", "{}"));
        calls.add(new Call("POST", "/assistant/ask", "{\"question\":\"q\",\"question\":\"r\"}"));
        calls.add(new Call("POST", "/assistant/ask", "{\"question\":\"" + "x".repeat(5000) + "\"}"));
        calls.add(new Call("POST", "/assistant/ask", "\u0000\u0001binary"));
        calls.add(new Call("GET", "/dashboard/ads?date=2026-13-45", null));
        return calls;
    }
}
