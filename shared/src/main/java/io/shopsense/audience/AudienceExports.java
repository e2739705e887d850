package io.shopsense.audience;

import java.nio.charset.StandardCharsets;

/**
 * The files an audience is uploaded as, byte for byte the same for the same members: UTF-8, {@code \n} line ends,
 * one header line, members in the audience's order.
 * <ul>
 *   <li>{@code meta.csv}: Meta Custom Audience list, column {@code email}, SHA-256 hex of the normalised address;</li>
 *   <li>{@code google.csv}: Google Ads Customer Match, column {@code Email}, SHA-256 hex likewise;</li>
 *   <li>{@code ids.csv}: the shop's own customer ids ({@code customer_id}), for e-mail tools.</li>
 * </ul>
 * Customers without an e-mail pseudonym are left out of the two platform files (counted in the audience's summary).
 */
public final class AudienceExports {
    public static final String META = "meta.csv";
    public static final String GOOGLE = "google.csv";
    public static final String IDS = "ids.csv";

    private AudienceExports() {
    }

    public static byte[] meta(Audience audience) {
        return hashedEmails(audience, "email");
    }

    public static byte[] google(Audience audience) {
        return hashedEmails(audience, "Email");
    }

    public static byte[] ids(Audience audience) {
        StringBuilder csv = new StringBuilder("customer_id\n");
        audience.members().forEach(m -> csv.append(field(m.userId())).append('\n'));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The file named {@code file} ({@link #META}, {@link #GOOGLE} or {@link #IDS}). */
    public static byte[] file(Audience audience, String file) {
        return switch (file) {
            case META -> meta(audience);
            case GOOGLE -> google(audience);
            case IDS -> ids(audience);
            default -> throw new IllegalArgumentException("no export named " + file);
        };
    }

    private static byte[] hashedEmails(Audience audience, String header) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        audience.members().stream().filter(m -> m.emailHash() != null)
                .forEach(m -> csv.append(m.emailHash()).append('\n'));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A field of {@link #ids} read back: quotes removed and doubled quotes undone. */
    public static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
