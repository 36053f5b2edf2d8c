package io.quern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
        "100, 100",
        "1, 1",
        "1k, 1024",
        "64m, 67108864",
        "3g, 3221225472",
        "2K, 2048",
        "' 8m ', 8388608",
        "8589934591g, 9223372035781033984",
    })
    void parseBytes_acceptsNumbersWithBinarySuffixes(String text, long bytes) {
        assertThat(Sizes.parseBytes(text)).as("parseBytes(\"%s\")", text).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-1", "0", "0k", "1x", "k", "m", "1.5m", "1 m", "1kb", "ten",
        "9223372036854775808", "8589934592g", "9223372036854775807k"})
    void parseBytes_rejectsWhatIsNotAPositiveSize_withOneLine(String text) {
        assertThatThrownBy(() -> Sizes.parseBytes(text))
                .as("parseBytes(\"%s\")", text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a size (a positive number, optionally with k, m or g)");
    }

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "90s, PT1M30S",
        "30m, PT30M",
        "2h, PT2H",
        "1MS, PT0.001S",
        "' 5s ', PT5S",
    })
    void parseDuration_acceptsMillisSecondsMinutesHours(String text, Duration expected) {
        assertThat(Sizes.parseDuration(text)).as("parseDuration(\"%s\")", text).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "ms", "90", "90x", "1d", "1.5h", "ten s", "s90", "9223372036854775808s",
        "9999999999999999h", "9223372036854775807m"})
    void parseDuration_rejectsWhatIsNotADuration_withOneLine(String text) {
        assertThatThrownBy(() -> Sizes.parseDuration(text))
                .as("parseDuration(\"%s\")", text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration (e.g. 500ms, 90s, 30m, 2h)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "-5s", "-1h"})
    void parseDuration_rejectsZeroAndNegative(String text) {
        assertThatThrownBy(() -> Sizes.parseDuration(text))
                .as("parseDuration(\"%s\")", text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a positive duration");
    }
}
