package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every accepted timestamp layout, read in Europe/London (UTC+0 in winter, +1 in summer). */
class TimeParserTest {
    private final TimeParser parser = new TimeParser(ZoneId.of("Europe/London"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2010-12-01 08:26:00|2010-12-01T08:26:00Z",
        "2010-12-01 08:26|2010-12-01T08:26:00Z",
        "12/1/2010 8:26|2010-12-01T08:26:00Z",
        "13/1/2011 8:26|2011-01-13T08:26:00Z",
        "2011-06-01T10:00:00|2011-06-01T09:00:00Z",
        "2011-06-01T10:00:00Z|2011-06-01T10:00:00Z",
        "2011-06-01T10:00:00.250+02:00|2011-06-01T08:00:00.250Z",
        "2024-01-15 10:23:45 -0500|2024-01-15T15:23:45Z",
        "2024/01/15|2024-01-15T00:00:00Z",
        "19970101|1997-01-01T00:00:00Z",
        "1659304800025|2022-07-31T22:00:00.025Z",
        "1659304800|2022-07-31T22:00:00Z"})
    void parse_acceptedLayouts(String text, String expected) {
        assertThat(parser.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"yesterday", "2024-02-30", "2024-13-01", "12/1/10 8:26", "2024-01-15 25:00",
        "2024-01-15 10:00 +5", "123"})
    void parse_rejectsOtherText(String text) {
        assertThat(parser.parse(text)).isNull();
    }
}
