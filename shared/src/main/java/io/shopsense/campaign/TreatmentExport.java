package io.shopsense.campaign;

import io.shopsense.audience.AudienceExports;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The treatment group as an e-mail tool imports it ({@code exports/campaigns/{id}/treatment.csv}): UTF-8, {@code \n}
 * line ends, one header line, members by customer id. Columns: {@code customer_id}, {@code email_sha256} (the SHA-256
 * of the normalised address when the customer is known by e-mail, else empty: no raw address is ever written), and for
 * an {@code email} campaign {@code item_N_id}, {@code item_N_name}, {@code item_N_reason} for N = 1…items and
 * {@code offer}. A member with fewer recommendations leaves the rest empty.
 */
public final class TreatmentExport {
    public static final String FILE = "treatment.csv";

    private TreatmentExport() {
    }

    /** One recommended item as the member will read it. */
    public record Item(String itemId, String name, String reason) {
    }

    /** One treated member. */
    public record Member(String customerId, String emailHash, List<Item> items) {
    }

    public static byte[] csv(CampaignDefinition campaign, List<Member> members) {
        boolean email = campaign.action().equals("email");
        StringBuilder csv = new StringBuilder("customer_id,email_sha256");
        if (email) {
            for (int n = 1; n <= campaign.items(); n++) {
                csv.append(",item_").append(n).append("_id,item_").append(n).append("_name,item_").append(n)
                        .append("_reason");
            }
            csv.append(",offer");
        }
        csv.append('\n');
        for (Member member : members) {
            csv.append(AudienceExports.field(member.customerId())).append(',')
                    .append(member.emailHash() == null ? "" : member.emailHash());
            if (email) {
                for (int n = 0; n < campaign.items(); n++) {
                    Item item = n < member.items().size() ? member.items().get(n) : null;
                    csv.append(',').append(item == null ? "" : AudienceExports.field(item.itemId()))
                            .append(',').append(item == null ? "" : AudienceExports.field(item.name()))
                            .append(',').append(item == null ? "" : AudienceExports.field(item.reason()));
                }
                csv.append(',').append(campaign.offer() == null ? "" : campaign.offer());
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first field of a line of {@link #csv} (or of an assignment file): the customer id, unquoted. */
    public static String customerIdOf(String line) {
        if (line.startsWith("\"")) {
            int i = 1;
            while (i < line.length()) {
                if (line.charAt(i) == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i++;
            }
            return AudienceExports.unquote(line.substring(0, Math.min(line.length(), i + 1)));
        }
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma);
    }
}
