package io.shopsense.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless chromium driven over the DevTools protocol, for what {@code --dump-dom} cannot do: a viewport narrower
 * than headless chromium's 500-pixel minimum window (a 390-pixel phone, by device-metrics emulation) and a wait for a
 * condition in the page rather than a fixed virtual-time budget. One page per instance; close it to end the browser.
 */
final class PhoneBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private PhoneBrowser(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts chromium with the browser's languages set to {@code acceptLanguage} (e.g. {@code zh-CN}). */
    static PhoneBrowser start(Path chromium, String acceptLanguage) throws Exception {
        Path profile = Files.createTempDirectory("chromium-cdp");
        Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--accept-lang=" + acceptLanguage, "--remote-debugging-port=0", "about:blank"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new IllegalStateException("chromium did not open its DevTools port within 30 s");
                }
                Thread.sleep(100);
            }
            String port = Files.readAllLines(portFile).get(0).trim();
            JsonNode targets = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium has no page target: " + targets);
            }
            Listener listener = new Listener();
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(page), listener).get(30, TimeUnit.SECONDS);
            PhoneBrowser browser = new PhoneBrowser(process, socket);
            listener.browser = browser;
            return browser;
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Renders {@code url} in a {@code width}-pixel-wide mobile viewport; waits until {@code readyWhen} is true. */
    String render(String url, int width, String readyWhen) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 844, "deviceScaleFactor", 1,
                "mobile", true));
        call("Page.navigate", Map.of("url", url));
        Instant deadline = Instant.now().plusSeconds(60);
        while (!evaluate(readyWhen).asBoolean(false)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the page never satisfied " + readyWhen + " within 60 s");
            }
            Thread.sleep(200);
        }
        return evaluate("document.documentElement.outerHTML").asText();
    }

    /** A PNG of what the screen shows (the viewport: the top of the page). */
    void screenshot(Path png) throws Exception {
        String data = call("Page.captureScreenshot", Map.of("format", "png"))
                .path("data").asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, java.util.Base64.getDecoder().decode(data));
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode evaluate(String expression) throws Exception {
        return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                .path("result").path("value");
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(message.toString(), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    @Override
    public void close() {
        socket.abort();
        process.destroyForcibly();
    }

    /** Collects a message's text frames, then hands replies (those with an id) to their waiting call. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private PhoneBrowser browser;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> waiting = message.has("id") && browser != null
                            ? browser.pending.remove(message.get("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("unreadable DevTools message", e);
                } finally {
                    text.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
