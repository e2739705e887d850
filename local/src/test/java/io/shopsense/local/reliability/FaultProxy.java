package io.shopsense.local.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.zip.CRC32;

/**
 * A loopback HTTP forwarder between the functions' SDK clients and a storage emulator that answers chosen requests
 * with the errors real AWS sends: S3 {@code 500 InternalError} / {@code 503 SlowDown}, DynamoDB
 * {@code ThrottlingException} / {@code ProvisionedThroughputExceededException}, and a {@code BatchWriteItem} that
 * applies only half its items and returns the rest as {@code UnprocessedItems}. Production code paths stay as they
 * are: only the endpoint the functions are given changes.
 *
 * <p>Each client connection carries one request ({@code Connection: close} both ways), so the proxy only parses the
 * request head and otherwise pipes bytes; the {@code Host} header and the SigV4 signature pass through untouched.
 */
public final class FaultProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DYNAMODB_JSON = "application/x-amz-json-1.0";

    /** The errors the proxy can answer with. */
    public enum Fault {
        S3_INTERNAL_ERROR, S3_SLOW_DOWN, DYNAMODB_THROTTLING, DYNAMODB_THROUGHPUT_EXCEEDED, UNPROCESSED_ITEMS,
        /** A conditional write that lost a race to another writer (only ever aimed at writes that re-read and retry). */
        DYNAMODB_CONDITION_FAILED
    }

    /**
     * One request as the proxy sees it.
     *
     * @param operation  the DynamoDB operation ({@code X-Amz-Target} after the dot), another JSON service's action
     *                   as IAM names it ({@code secretsmanager:GetSecretValue}), or null for S3
     * @param copySource S3's {@code x-amz-copy-source} header, or null
     * @param body       a DynamoDB request's JSON body, or null (S3 bodies are piped, not read)
     */
    public record Request(String method, String path, String operation, String copySource, JsonNode body) {
        public boolean isS3Put() {
            return operation == null && method.equals("PUT");
        }

        public boolean isDynamoDb(String name) {
            return name.equals(operation);
        }

        /** The table a single-table DynamoDB request names, or null. */
        public String table() {
            return body == null ? null : body.path("TableName").asText(null);
        }
    }

    /** Decides, per request, whether to answer with a fault. Called concurrently: implementations synchronise. */
    @FunctionalInterface
    public interface FaultPlan {
        Optional<Fault> decide(Request request);

        /** The {@code nth} request (1-based) that {@code matches}, and the {@code times - 1} matching after it. */
        static FaultPlan nth(java.util.function.Predicate<Request> matches, int nth, int times, Fault fault) {
            AtomicInteger seen = new AtomicInteger();
            return request -> {
                if (!matches.test(request)) {
                    return Optional.empty();
                }
                int n = seen.incrementAndGet();
                return n >= nth && n < nth + times ? Optional.of(fault) : Optional.empty();
            };
        }

        /** The first plan that answers with a fault wins; every plan sees every request. */
        static FaultPlan all(List<FaultPlan> plans) {
            return request -> {
                Optional<Fault> chosen = Optional.empty();
                for (FaultPlan plan : plans) {
                    Optional<Fault> fault = plan.decide(request);
                    if (chosen.isEmpty()) {
                        chosen = fault;
                    }
                }
                return chosen;
            };
        }
    }

    private final ServerSocket server;
    private final URI upstream;
    private final FaultPlan plan;
    private final BiConsumer<Request, Integer> observer;
    private final ExecutorService connections;
    private final AtomicInteger injected = new AtomicInteger();
    private final Map<Fault, AtomicInteger> byFault = new LinkedHashMap<>();

    private FaultProxy(URI upstream, FaultPlan plan, BiConsumer<Request, Integer> observer) throws IOException {
        this.upstream = upstream;
        this.plan = plan;
        this.observer = observer;
        for (Fault fault : Fault.values()) {
            byFault.put(fault, new AtomicInteger());
        }
        server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        connections.execute(this::accept);
    }

    /** Starts a proxy on a free loopback port in front of {@code upstream} ({@code http://host:port}). */
    public static FaultProxy start(URI upstream, FaultPlan plan) throws IOException {
        return new FaultProxy(upstream, plan, (request, status) -> { });
    }

    /**
     * A proxy that injects what {@code plan} says and shows {@code observer} every request forwarded, with the
     * emulator's HTTP status.
     */
    public static FaultProxy recording(URI upstream, FaultPlan plan, BiConsumer<Request, Integer> observer)
            throws IOException {
        return new FaultProxy(upstream, plan, observer);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** How many requests were answered with a fault. */
    public int injected() {
        return injected.get();
    }

    public Map<Fault, Integer> injectedByFault() {
        Map<Fault, Integer> counts = new LinkedHashMap<>();
        byFault.forEach((fault, count) -> counts.put(fault, count.get()));
        return counts;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            Head head = Head.read(in);
            if (head == null) {
                return;
            }
            // DynamoDB and Secrets Manager bodies are small JSON and say which tables a request touches; S3 bodies are piped unread.
            byte[] body = head.operation() != null && !head.expectsContinue() && head.header("Content-Length") != null
                    ? head.readBody(in) : null;
            Request request = new Request(head.method(), head.path(), head.operation(),
                    head.header("x-amz-copy-source"), body == null || body.length == 0 ? null : JSON.readTree(body));
            Optional<Fault> fault = plan.decide(request);
            if (fault.isPresent()) {
                injected.incrementAndGet();
                byFault.get(fault.get()).incrementAndGet();
                observer.accept(request, -1); // IAM authorises a request before the service fails it
                answerWithFault(fault.get(), head, body, in, client.getOutputStream());
            } else {
                forward(head, body, in, client.getOutputStream(), status -> observer.accept(request, status));
            }
        } catch (IOException clientWentAway) {
            // the SDK treats a broken connection as retryable; nothing to clean up here
        }
    }

    /**
     * Pipes the request (its body, when already read) to the emulator and its answer back, both directions until the
     * emulator closes. The answer's HTTP status goes to {@code onStatus} before the client sees any of it, so a
     * caller that has its answer knows the request was recorded.
     */
    private void forward(Head head, byte[] body, InputStream clientIn, OutputStream clientOut, IntConsumer onStatus)
            throws IOException {
        try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
            OutputStream upOut = up.getOutputStream();
            upOut.write(body == null ? head.bytesWithConnectionClose() : head.withBody(body));
            upOut.flush();
            connections.execute(() -> {
                try {
                    clientIn.transferTo(upOut);
                } catch (IOException done) {
                    // either side closed: the response path decides when we are finished
                }
            });
            InputStream upIn = up.getInputStream();
            byte[] statusLine = upIn.readNBytes(12); // "HTTP/1.1 200"
            String text = new String(statusLine, StandardCharsets.US_ASCII);
            onStatus.accept(text.matches("HTTP/1\\.[01] \\d{3}") ? Integer.parseInt(text.substring(9, 12)) : -1);
            clientOut.write(statusLine);
            upIn.transferTo(clientOut);
            clientOut.flush();
        }
    }

    private void answerWithFault(Fault fault, Head head, byte[] bodyRead, InputStream in, OutputStream out)
            throws IOException {
        // With Expect: 100-continue the client waits for us before sending its body; a final status is allowed then.
        byte[] body = bodyRead != null ? bodyRead : head.expectsContinue() ? new byte[0] : head.readBody(in);
        switch (fault) {
            case S3_INTERNAL_ERROR -> respond(out, 500, "Internal Server Error", "application/xml",
                    s3Error("InternalError", "We encountered an internal error. Please try again."));
            case S3_SLOW_DOWN -> respond(out, 503, "Slow Down", "application/xml",
                    s3Error("SlowDown", "Please reduce your request rate."));
            case DYNAMODB_THROTTLING -> respond(out, 400, "Bad Request", DYNAMODB_JSON,
                    dynamoDbError("ThrottlingException", "Rate of requests exceeds the allowed throughput."));
            case DYNAMODB_THROUGHPUT_EXCEEDED -> respond(out, 400, "Bad Request", DYNAMODB_JSON,
                    dynamoDbError("ProvisionedThroughputExceededException",
                            "The level of configured provisioned throughput for the table was exceeded."));
            case UNPROCESSED_ITEMS -> halfProcessed(head, body, out);
            case DYNAMODB_CONDITION_FAILED -> respond(out, 400, "Bad Request", DYNAMODB_JSON,
                    dynamoDbError("ConditionalCheckFailedException", "The conditional request failed"));
        }
    }

    /** Sends the first half of every table's writes to the emulator and returns the rest as unprocessed. */
    private void halfProcessed(Head head, byte[] body, OutputStream out) throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(body);
        ObjectNode sent = JSON.createObjectNode();
        ObjectNode held = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> tables = request.path("RequestItems").fields(); tables.hasNext(); ) {
            Map.Entry<String, JsonNode> table = tables.next();
            ArrayNode all = (ArrayNode) table.getValue();
            int keep = (all.size() + 1) / 2;
            ArrayNode first = sent.putArray(table.getKey());
            ArrayNode rest = JSON.createArrayNode();
            for (int i = 0; i < all.size(); i++) {
                (i < keep ? first : rest).add(all.get(i));
            }
            if (!rest.isEmpty()) {
                held.set(table.getKey(), rest);
            }
        }
        request.set("RequestItems", sent);
        byte[] forwarded = JSON.writeValueAsBytes(request);
        byte[] answer;
        try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
            up.getOutputStream().write(head.withBody(forwarded));
            up.getOutputStream().flush();
            answer = up.getInputStream().readAllBytes();
        }
        int split = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String statusLine = new String(answer, 0, Math.max(0, indexOf(answer, "\r\n".getBytes(StandardCharsets.US_ASCII))),
                StandardCharsets.US_ASCII);
        if (split < 0 || !statusLine.contains(" 200 ")) {
            out.write(answer); // the emulator refused the half we sent: pass its answer on as it is
            return;
        }
        ObjectNode response = (ObjectNode) JSON.readTree(java.util.Arrays.copyOfRange(answer, split + 4, answer.length));
        ObjectNode unprocessed = response.with("UnprocessedItems");
        held.fields().forEachRemaining(e -> {
            ArrayNode list = unprocessed.has(e.getKey()) ? (ArrayNode) unprocessed.get(e.getKey())
                    : unprocessed.putArray(e.getKey());
            list.addAll((ArrayNode) e.getValue());
        });
        respond(out, 200, "OK", DYNAMODB_JSON, JSON.writeValueAsBytes(response));
    }

    private static void respond(OutputStream out, int status, String reason, String contentType, byte[] body)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(body);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-amzn-RequestId: " + UUID.randomUUID() + "\r\n"
                + "x-amz-request-id: fault-proxy\r\n"
                + "x-amz-crc32: " + crc.getValue() + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static byte[] s3Error(String code, String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>fault-proxy</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] dynamoDbError(String type, String message) {
        return ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    /** A request line and headers, as received. */
    private record Head(String requestLine, List<String[]> headers) {
        private static final int MAX_HEAD = 64 * 1024;

        /** Reads up to the blank line; null when the client closed without a request. */
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int last4 = 0;
            while (last4 != 0x0D0A0D0A) { // CR LF CR LF ends the head
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                bytes.write(b);
                last4 = (last4 << 8) | b;
                if (bytes.size() > MAX_HEAD) {
                    throw new IOException("request head larger than " + MAX_HEAD + " bytes");
                }
            }
            String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
                }
            }
            return new Head(lines[0], headers);
        }

        private static final java.util.regex.Pattern START_JOB_RUN =
                java.util.regex.Pattern.compile("/applications/[^/?]+/jobruns/?");

        String method() {
            return requestLine.split(" ")[0].toUpperCase(Locale.ROOT);
        }

        String path() {
            String[] parts = requestLine.split(" ");
            return parts.length > 1 ? parts[1] : "/";
        }

        String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        /**
         * The operation an {@code X-Amz-Target} names: DynamoDB's bare ({@code GetItem} of
         * {@code DynamoDB_20120810.GetItem}), any other JSON-protocol service's as IAM names it
         * ({@code secretsmanager:GetSecretValue}); EMR Serverless's StartJobRun, a REST call named by its path
         * ({@code POST /applications/{id}/jobruns}, no bucket of the stack is called {@code applications}); null for
         * S3, which sends none.
         */
        String operation() {
            String target = header("X-Amz-Target");
            if (target == null) {
                return "POST".equals(method()) && START_JOB_RUN.matcher(path()).matches()
                        ? "emr-serverless:StartJobRun" : null;
            }
            int dot = target.indexOf('.');
            String service = target.substring(0, Math.max(dot, 0)).toLowerCase(java.util.Locale.ROOT);
            return service.startsWith("dynamodb") ? target.substring(dot + 1) : service + ":" + target.substring(dot + 1);
        }

        boolean expectsContinue() {
            return "100-continue".equalsIgnoreCase(header("Expect"));
        }

        byte[] readBody(InputStream in) throws IOException {
            String length = header("Content-Length");
            return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        }

        byte[] bytesWithConnectionClose() {
            return render(null);
        }

        /**
         * The head with a Content-Length for {@code body}, followed by it (a changed body is only ever sent to
         * dynalite, which does not check signatures).
         */
        byte[] withBody(byte[] body) {
            byte[] head = render(body.length);
            byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }

        private byte[] render(Integer contentLength) {
            StringBuilder out = new StringBuilder(requestLine).append("\r\n");
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase("Connection") || h[0].equalsIgnoreCase("Keep-Alive")
                        || (contentLength != null && h[0].equalsIgnoreCase("Content-Length"))) {
                    continue;
                }
                out.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (contentLength != null) {
                out.append("Content-Length: ").append(contentLength).append("\r\n");
            }
            out.append("Connection: close\r\n\r\n");
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
