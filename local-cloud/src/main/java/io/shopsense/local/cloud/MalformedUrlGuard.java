package io.shopsense.local.cloud;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gateway's front door on loopback. The JDK's HTTP server answers a request whose target is not a valid URI (a bad
 * percent-escape such as {@code %zz}, a bare {@code %}, a {@code |}) itself, with an HTML page, before any handler
 * sees it; API clients deserve the API's {@code {"error", "message"}} JSON for that as for any other bad request. So
 * this front reads each request head, answers a malformed target with a JSON 400 (and closes the connection, whose
 * framing it can no longer trust), and relays every other request and its response unchanged over one upstream
 * connection per client connection (keep-alive kept; an upstream connection left idle long enough for the server to
 * close it is replaced before the next request, which once made a request get no answer at all).
 */
final class MalformedUrlGuard implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Half the JDK server's idle timeout ({@code sun.net.httpserver.idleInterval}, 30 s). */
    static final Duration UPSTREAM_IDLE_LIMIT = Duration.ofSeconds(15);

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final ExecutorService connections;
    private final Duration upstreamIdleLimit;

    MalformedUrlGuard(int port, InetSocketAddress upstream) throws IOException {
        this(port, upstream, UPSTREAM_IDLE_LIMIT);
    }

    /** @param upstreamIdleLimit how long an upstream connection may sit idle before the next request opens a new one */
    MalformedUrlGuard(int port, InetSocketAddress upstream, Duration upstreamIdleLimit) throws IOException {
        this.upstream = upstream;
        this.upstreamIdleLimit = upstreamIdleLimit;
        this.listener = new ServerSocket(port, 512, InetAddress.getLoopbackAddress());
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "http-api-front");
            thread.setDaemon(true);
            return thread;
        });
        connections.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One client connection: request by request, check the target, relay the request, relay the response. */
    private void serve(Socket client) {
        Socket server = null;
        long serverIdleSince = 0;
        try (client) {
            client.setTcpNoDelay(true);
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            InputStream fromServer = null;
            OutputStream toServer = null;
            while (true) {
                List<String> head = readHead(fromClient);
                if (head == null) {
                    return; // the client closed between requests
                }
                String problem = head.isEmpty() ? "the request head is too large" : targetProblem(head.get(0));
                if (problem != null) {
                    refuse(toClient, problem);
                    return;
                }
                if (server == null || System.nanoTime() - serverIdleSince > upstreamIdleLimit.toNanos()) {
                    // The JDK's server closes a connection idle for 30 s; relaying onto one it closed would leave
                    // the client with no answer at all, so a connection idle for half of that is replaced first.
                    closeQuietly(server);
                    server = new Socket(upstream.getAddress(), upstream.getPort());
                    server.setTcpNoDelay(true);
                    fromServer = new BufferedInputStream(server.getInputStream());
                    toServer = server.getOutputStream();
                }
                writeHead(toServer, head);
                relayBody(head, fromClient, toServer);
                toServer.flush();
                boolean requestIsHead = head.get(0).startsWith("HEAD ");
                List<String> response;
                do { // interim answers (100 Continue) come before the real one
                    response = readHead(fromServer);
                    if (response == null || response.isEmpty()) {
                        return;
                    }
                    writeHead(toClient, response);
                } while (status(response) / 100 == 1);
                int status = status(response);
                if (!requestIsHead && status != 204 && status != 304) {
                    if (!relayBody(response, fromServer, toClient)) {
                        toClient.flush();
                        return; // a body delimited by the server closing: the connection ends with it
                    }
                }
                toClient.flush();
                serverIdleSince = System.nanoTime();
                if (closes(head) || closes(response)) {
                    return;
                }
            }
        } catch (IOException dropped) {
            // a client or the server went away mid-request: nothing to answer
        } finally {
            closeQuietly(server);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** What is wrong with the request line's target, or null when the JDK's server can route it. */
    static String targetProblem(String requestLine) {
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            return "the request line must be METHOD URL HTTP/1.1 (a URL has no spaces)";
        }
        String target = parts[1];
        if (!target.startsWith("/")) {
            return "the URL must be a path starting with /";
        }
        try {
            new URI(target);
            return null;
        } catch (URISyntaxException malformed) {
            return "the URL is malformed: a % must start a two-digit hex escape, and characters such as space | < > "
                    + "\" { } must be percent-encoded";
        }
    }

    private static void refuse(OutputStream out, String message) throws IOException {
        byte[] body = ("{\"error\":\"bad_request\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The head's lines without the blank one; null at end of stream before any byte; empty when too large. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        int total = 0;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return lines.isEmpty() ? null : List.of();
            }
            if (line.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // tolerated blank lines between requests (RFC 9112 §2.2)
                }
                return lines;
            }
            total += line.length() + 2;
            if (total > MAX_HEAD_BYTES) {
                return List.of();
            }
            lines.add(line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > MAX_HEAD_BYTES) {
                return "";
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void writeHead(OutputStream out, List<String> head) throws IOException {
        StringBuilder text = new StringBuilder();
        head.forEach(line -> text.append(line).append("\r\n"));
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Copies the message body that follows {@code head}: {@code Content-Length} bytes, or chunks up to the last one.
     * Returns false when the body has neither (a response that ends when the connection does): it is then copied to
     * the end of the stream.
     */
    private static boolean relayBody(List<String> head, InputStream in, OutputStream out) throws IOException {
        String encoding = header(head, "transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    throw new SocketException("the stream ended inside a chunked body");
                }
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    return true;
                }
                copy(in, out, size + 2); // the chunk and its CRLF
            }
        }
        String length = header(head, "content-length");
        if (length != null) {
            copy(in, out, Long.parseLong(length.trim()));
            return true;
        }
        if (head.get(0).startsWith("HTTP/")) {
            in.transferTo(out);
            return false;
        }
        return true; // a request without either has no body
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new SocketException("the stream ended inside a body");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String header(List<String> head, String name) {
        for (int i = 1; i < head.size(); i++) {
            String line = head.get(i);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int status(List<String> response) {
        String[] parts = response.get(0).split(" ", 3);
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 502;
    }

    private static boolean closes(List<String> head) {
        String connection = header(head, "connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close")
                || head.get(0).endsWith("HTTP/1.0") || head.get(0).startsWith("HTTP/1.0");
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        connections.shutdownNow();
    }
}
