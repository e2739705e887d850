package io.shopsense.profile;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reads the CDNOW sample test resource as canonical purchase events (one per row, at midnight UTC). */
final class CdnowFixture {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private CdnowFixture() {
    }

    static List<Event> events() {
        List<Event> events = new ArrayList<>();
        try (InputStream in = CdnowFixture.class.getResourceAsStream("/profile/CDNOW_sample.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            long row = 0;
            while ((line = reader.readLine()) != null) {
                row++;
                String[] f = line.trim().split("\\s+");
                LocalDate day = LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE);
                int quantity = Integer.parseInt(f[3]);
                double value = Double.parseDouble(f[4]);
                events.add(new Event("cdnow-" + row, f[0], "cd", EventType.PURCHASE, quantity, value / quantity, "USD",
                        day.atStartOfDay(ZoneOffset.UTC).toInstant(), null, null, null, "cdnow-sample", row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
