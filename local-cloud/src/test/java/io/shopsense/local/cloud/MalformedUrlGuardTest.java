package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MalformedUrlGuardTest {

    @Test
    void targetsTheJdkServerCanRoute_pass() {
        assertThat(MalformedUrlGuard.targetProblem("GET /users/a%20b/recommendations?n=5&x=%E2%82%AC HTTP/1.1")).isNull();
        assertThat(MalformedUrlGuard.targetProblem("POST /events HTTP/1.1")).isNull();
    }

    @Test
    void badEscapes_illegalCharacters_spacesAndNonPaths_areNamed() {
        assertThat(MalformedUrlGuard.targetProblem("GET /users/%zz/profile HTTP/1.1")).contains("malformed");
        assertThat(MalformedUrlGuard.targetProblem("GET /users/% HTTP/1.1")).contains("malformed");
        assertThat(MalformedUrlGuard.targetProblem("GET /a|b HTTP/1.1")).contains("malformed");
        assertThat(MalformedUrlGuard.targetProblem("GET /a b HTTP/1.1")).contains("no spaces");
        assertThat(MalformedUrlGuard.targetProblem("GET http://elsewhere/ HTTP/1.1")).contains("starting with /");
    }

    @Test
    void gatewayDecoding_isStrict_andPlusIsASpaceInTheQueryOnly() {
        assertThat(HttpApiGateway.decode("a%20b+c", false)).isEqualTo("a b+c");
        assertThat(HttpApiGateway.decode("a%20b+c", true)).isEqualTo("a b c");
        assertThat(HttpApiGateway.decode("%E2%82%AC", false)).isEqualTo("€");
        assertThatThrownBy(() -> HttpApiGateway.decode("%E2%82", false)).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> HttpApiGateway.decode("%4", false)).hasMessageContaining("percent-escape");
    }

    @Test
    void aKeptAliveClient_isAnswered_afterTheServerClosedTheIdleUpstreamConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             MalformedUrlGuard guard = new MalformedUrlGuard(0, (InetSocketAddress) server.getLocalSocketAddress(),
                     Duration.ofMillis(100));
             Socket client = new Socket(InetAddress.getLoopbackAddress(), guard.port())) {
            Thread upstream = new Thread(() -> closeIdleAfter(server, 200));
            upstream.setDaemon(true);
            upstream.start();
            BufferedReader answers = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream requests = client.getOutputStream();

            requests.write("GET /first HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String first = answerLine(answers);
            Thread.sleep(400); // the server has closed its side of the guard's upstream connection by now
            requests.write("GET /second HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String second = answerLine(answers);

            assertThat(first).isEqualTo("HTTP/1.1 200 OK");
            assertThat(second).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    /** The status line of one answer, reading past its head and two-byte body. */
    private static String answerLine(BufferedReader answers) throws IOException {
        String status = answers.readLine();
        for (String line = answers.readLine(); line != null && !line.isEmpty(); line = answers.readLine()) {
            // headers
        }
        answers.read(new char[2]);
        return status;
    }

    /** A keep-alive HTTP server that, as the JDK's does after 30 s, closes a connection idle for {@code millis}. */
    private static void closeIdleAfter(ServerSocket server, int millis) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                connection.setSoTimeout(millis);
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                while (true) {
                    String line = in.readLine();
                    if (line == null) {
                        break;
                    }
                    while (line != null && !line.isEmpty()) {
                        line = in.readLine();
                    }
                    connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException idle) {
                // closed by the try: the idle timeout
            } catch (IOException closed) {
                return;
            }
        }
    }
}
