package io.quern.examples.logstats;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.examples.FakeTaskContext;
import io.quern.examples.RecordingEmitter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogStatsMapperTest {

    private final FakeTaskContext context = new FakeTaskContext();
    private final LogStatsMapper mapper = new LogStatsMapper();
    private final RecordingEmitter<String, Long> out = new RecordingEmitter<>();

    LogStatsMapperTest() {
        mapper.setup(context);
    }

    private List<Map.Entry<String, Long>> map(String line) {
        out.clear();
        mapper.map(0L, line, out);
        return List.copyOf(out.pairs());
    }

    @Test
    void commonLogFormat_emitsStatusPathHourAndBytes() {
        assertThat(map("192.0.2.10 - alice [10/Oct/2000:13:55:36 -0700] \"GET /img/logo.gif HTTP/1.0\" 200 2326"))
                .containsExactly(
                        Map.entry("status:200", 1L),
                        Map.entry("path:/img/logo.gif", 1L),
                        Map.entry("hour:2000-10-10T20", 1L),
                        Map.entry("bytes:200", 2326L));
        assertThat(context.counterValue("malformed")).isZero();
    }

    @Test
    void combinedLogFormat_refererAndUserAgentAreAccepted() {
        assertThat(map("2001:db8::1 - - [29/Feb/2024:23:59:59 +0000] \"POST /api/v1/items HTTP/2.0\" 201 17"
                + " \"https://www.example.com/a b\" \"Agent \\\"quoted\\\" 1.0\""))
                .containsExactly(
                        Map.entry("status:201", 1L),
                        Map.entry("path:/api/v1/items", 1L),
                        Map.entry("hour:2024-02-29T23", 1L),
                        Map.entry("bytes:201", 17L));
    }

    @Test
    void hour_isConvertedToUtc_acrossDayMonthAndYearBoundaries() {
        assertThat(hour("[31/Dec/2023:22:30:00 -0300]")).isEqualTo("hour:2024-01-01T01");
        assertThat(hour("[01/Mar/2024:03:00:00 +0530]")).isEqualTo("hour:2024-02-29T21");
        assertThat(hour("[01/Mar/2023:03:00:00 +0530]")).isEqualTo("hour:2023-02-28T21");
        assertThat(hour("[15/Jun/2024:12:10:00 +0545]")).isEqualTo("hour:2024-06-15T06");
        assertThat(hour("[15/Jun/2024:12:59:59 -0930]")).isEqualTo("hour:2024-06-15T22");
        assertThat(hour("[15/Jun/2024:12:00:00 +0000]")).isEqualTo("hour:2024-06-15T12"); // back again
    }

    private String hour(String timestamp) {
        List<Map.Entry<String, Long>> pairs = map("192.0.2.1 - - " + timestamp + " \"GET / HTTP/1.1\" 200 1");
        assertThat(pairs).as(timestamp).hasSize(4);
        return pairs.get(2).getKey();
    }

    @Test
    void path_losesItsQueryString() {
        assertThat(map("192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /search?q=a&page=2 HTTP/1.1\" 200 5"))
                .contains(Map.entry("path:/search", 1L));
        assertThat(map("192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /a?b?c HTTP/1.1\" 200 5"))
                .contains(Map.entry("path:/a", 1L));
    }

    @Test
    void dashBytes_countAsZero_andAreStillEmitted() {
        assertThat(map("192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /x HTTP/1.1\" 304 -"))
                .contains(Map.entry("status:304", 1L), Map.entry("bytes:304", 0L));
    }

    @Test
    void requestWithoutProtocol_isAccepted() {
        assertThat(map("192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /old\" 200 10"))
                .contains(Map.entry("path:/old", 1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "garbage",
        "\\x16\\x03\\x01 random bytes",
        // impossible or badly written dates
        "192.0.2.1 - - [31/Feb/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [29/Feb/2023:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [31/Apr/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [00/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:25:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:24:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:60:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:60 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +1960] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024 10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [2/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000 \"GET / HTTP/1.1\" 200 1",
        // status and bytes
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 2OO 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 20 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 2000 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 099 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" - 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 12k",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 -5",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1234567890123456789",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200",
        // the request and the quoted fields
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"-\" 400 0",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET\" 400 0",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1 extra\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET  / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"get / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] GET / HTTP/1.1 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"agent",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\"",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"a\" extra",
        // the leading fields and the separators
        "192.0.2.1 - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1  - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
        "192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 ",
        "192.0.2.1 - - [12/Mar/2024:10:0",
    })
    void malformedLine_isCountedAndEmitsOnlyMalformed(String line) {
        assertThat(map(line)).as(line).containsExactly(Map.entry("malformed", 1L));
        assertThat(context.counterValue("malformed")).isEqualTo(1L);
    }

    @Test
    void malformedLines_areCountedOneByOne() {
        map("nope");
        map("192.0.2.1 - - [12/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1");
        map("still nope");
        assertThat(context.counterValue("malformed")).isEqualTo(2L);
    }
}
