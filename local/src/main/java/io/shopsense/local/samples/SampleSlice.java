package io.shopsense.local.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The first lines of a gzipped sample export (header included): a small, real upload for tests and benchmarks. */
public final class SampleSlice {
    private SampleSlice() {
    }

    /** Up to {@code lines} lines of {@code gz}, each ending in a newline, as UTF-8 bytes. */
    public static byte[] firstLines(Path gz, int lines) throws IOException {
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String line;
            for (int i = 0; i < lines && (line = in.readLine()) != null; i++) {
                out.append(line).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
