package io.shopsense.clean;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns the uploaded bytes into characters: checksums and counts the raw bytes, unwraps gzip (by its magic bytes,
 * never by the name), detects the encoding from the first 64 KB and skips the BOM.
 *
 * <p>Encoding: a BOM decides (UTF-8, UTF-16LE, UTF-16BE). Otherwise NUL bytes in every other position mean UTF-16
 * without BOM, other NULs or many control characters mean binary. Valid UTF-8 is UTF-8. Otherwise GBK when nearly
 * every high byte pairs with another high byte in the GB2312 range (A1–FE), else Windows-1252, whose accented letters
 * stand alone between ASCII letters. Bytes the chosen charset cannot decode become U+FFFD and their rows are rejected
 * as {@code BAD_ENCODING}.
 */
final class InputDecoder {
    static final int SAMPLE = 1 << 16;

    /** The decoded stream and what was learned on the way. */
    record Decoded(Reader reader, String compression, String encoding, boolean bom, String firstLine) {}

    /** A whole-file failure found while opening. */
    static final class FileFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient FileError error;

        FileFailure(FileError error, String message) {
            super(message, null, false, false);
            this.error = error;
        }
    }

    private final ChecksumStream checksum;

    InputDecoder(InputStream raw) {
        this.checksum = new ChecksumStream(raw);
    }

    Decoded open() throws IOException, FileFailure {
        BufferedInputStream rawBuffered = new BufferedInputStream(checksum, SAMPLE);
        rawBuffered.mark(4);
        int b0 = rawBuffered.read();
        int b1 = rawBuffered.read();
        rawBuffered.reset();
        InputStream text = rawBuffered;
        String compression = "none";
        if (b0 == 0x1f && b1 == 0x8b) {
            compression = "gzip";
            try {
                text = new BufferedInputStream(new GZIPInputStream(rawBuffered, SAMPLE), SAMPLE);
            } catch (EOFException e) {
                throw new FileFailure(FileError.TRUNCATED_GZIP, "gzip stream ends inside its header");
            } catch (ZipException e) {
                throw new FileFailure(FileError.BAD_GZIP, "not a valid gzip stream: " + e.getMessage());
            }
        }
        byte[] sample = new byte[SAMPLE];
        text.mark(SAMPLE + 1);
        int n = readFully(text, sample);
        text.reset();
        if (n == 0) {
            throw new FileFailure(FileError.EMPTY_FILE, "the file has no bytes");
        }
        boolean complete = n < SAMPLE;
        String encoding;
        Charset charset;
        int bomLength = 0;
        if (n >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (n >= 2 && (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else if (n >= 2 && (sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else {
            charset = sniff(sample, n, complete);
        }
        encoding = charset.name();
        text.skip(bomLength); // within the marked sample, so it skips exactly bomLength bytes
        Reader reader = reader(text, charset);
        // the first non-blank line, from the sample: lets the format be chosen without a mark/reset layer
        String firstLine = null;
        for (String line : new String(sample, bomLength, n - bomLength, charset).split("[\r\n]")) {
            if (!line.isBlank()) {
                firstLine = line;
                break;
            }
        }
        return new Decoded(reader, compression, encoding, bomLength > 0, firstLine);
    }

    /** Characters of {@code text}; bytes the charset cannot decode become U+FFFD (rejected as BAD_ENCODING). */
    static Reader reader(InputStream text, Charset charset) {
        return new InputStreamReader(text, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    private static Charset sniff(byte[] b, int n, boolean complete) throws FileFailure {
        int evenZeros = 0;
        int oddZeros = 0;
        int controls = 0;
        for (int i = 0; i < n; i++) {
            int v = b[i] & 0xff;
            if (v == 0) {
                if ((i & 1) == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            } else if ((v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != '\f') || v == 0x7f) {
                controls++;
            }
        }
        int half = Math.max(1, n / 2);
        if (evenZeros + oddZeros > 0) {
            if (oddZeros > half * 0.3 && evenZeros < half * 0.02) {
                return StandardCharsets.UTF_16LE;
            }
            if (evenZeros > half * 0.3 && oddZeros < half * 0.02) {
                return StandardCharsets.UTF_16BE;
            }
            throw new FileFailure(FileError.BINARY_CONTENT, "NUL bytes: not a text export");
        }
        if (controls > Math.max(2, n / 100)) {
            throw new FileFailure(FileError.BINARY_CONTENT, controls + " control bytes in the first " + n + ": not text");
        }
        if (validUtf8(b, n, complete)) {
            return StandardCharsets.UTF_8;
        }
        return looksGbk(b, n) ? Charset.forName("GBK") : Charset.forName("windows-1252");
    }

    static boolean validUtf8(byte[] b, int n, boolean complete) {
        int i = 0;
        while (i < n) {
            int v = b[i] & 0xff;
            int extra;
            if (v < 0x80) {
                i++;
                continue;
            } else if (v >= 0xC2 && v <= 0xDF) {
                extra = 1;
            } else if (v >= 0xE0 && v <= 0xEF) {
                extra = 2;
            } else if (v >= 0xF0 && v <= 0xF4) {
                extra = 3;
            } else {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= n) {
                    return !complete; // the sample cut a character in two: fine; the file ending so is not
                }
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }

    private static boolean looksGbk(byte[] b, int n) {
        int high = 0;
        int pairedHigh = 0;
        for (int i = 0; i < n; i++) {
            int v = b[i] & 0xff;
            if (v < 0x80) {
                continue;
            }
            high++;
            if (i + 1 < n && v >= 0xA1 && v <= 0xFE && (b[i + 1] & 0xff) >= 0xA1 && (b[i + 1] & 0xff) <= 0xFE) {
                pairedHigh += 2;
                high++;
                i++;
            }
        }
        return high > 0 && pairedHigh >= high * 0.8;
    }

    private static int readFully(InputStream in, byte[] buf) throws IOException, FileFailure {
        int n = 0;
        try {
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            throw new FileFailure(FileError.TRUNCATED_GZIP, "gzip stream ends before its trailer");
        } catch (ZipException e) {
            throw new FileFailure(FileError.BAD_GZIP, "corrupt gzip data: " + e.getMessage());
        }
        return n;
    }

    /** Reads what is left of the raw bytes, so the checksum covers the whole upload even after an early stop. */
    void drain() {
        byte[] buf = new byte[1 << 16];
        try {
            while (checksum.read(buf, 0, buf.length) >= 0) {
                // checksum only
            }
        } catch (IOException e) {
            // the checksum then covers what could be read; the failure is already in the report
        }
    }

    String sha256() {
        return HexFormat.of().formatHex(checksum.digest.digest());
    }

    long bytes() {
        return checksum.count;
    }

    private static final class ChecksumStream extends FilterInputStream {
        final MessageDigest digest;
        long count;

        ChecksumStream(InputStream in) {
            super(in);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int v = in.read();
            if (v >= 0) {
                digest.update((byte) v);
                count++;
            }
            return v;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            long total = 0;
            while (total < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - total));
                if (r < 0) {
                    break;
                }
                total += r;
            }
            return total;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
