package io.quern.examples.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.examples.FakeTaskContext;
import io.quern.examples.RecordingEmitter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SortRecordTest {
    private static final String PAYLOAD = "0".repeat(20) + "F".repeat(68);

    private static String record(long seed, long row) {
        char[] c = new char[SortRecord.LINE_LENGTH];
        SortRecord.generate(seed, row, c);
        return new String(c);
    }

    @Test
    void aRecordIsATenByteKeyATabAndAnEightyEightBytePayload() {
        assertThat(SortRecord.isValid("abcdefghij\t" + PAYLOAD)).isTrue();
        assertThat(SortRecord.isValid("!~!~!~!~!~\t" + " ".repeat(88))).as("space is fine in the payload").isTrue();
        assertThat(SortRecord.LENGTH).isEqualTo(100);
    }

    @Test
    void linesOfTheWrongShape_areNotRecords() {
        assertThat(SortRecord.isValid("")).isFalse();
        assertThat(SortRecord.isValid("abcdefghij\t" + PAYLOAD + "x")).as("too long").isFalse();
        assertThat(SortRecord.isValid("abcdefghij\t" + PAYLOAD.substring(1))).as("too short").isFalse();
        assertThat(SortRecord.isValid("abcdefghij " + PAYLOAD)).as("no tab").isFalse();
        assertThat(SortRecord.isValid("abcd efghi\t" + PAYLOAD)).as("space in the key").isFalse();
        assertThat(SortRecord.isValid("abcdefghij\t" + PAYLOAD.substring(1) + "\t")).as("tab in the payload")
                .isFalse();
        assertThat(SortRecord.isValid("abcdéfghi\t" + PAYLOAD + "x")).as("not ASCII").isFalse();
        assertThat(SortRecord.keyOrNull("nope")).isNull();
        assertThat(SortRecord.keyOrNull("abcdefghij\t" + PAYLOAD)).isEqualTo("abcdefghij");
    }

    @Test
    void byteAndCharChecks_agree() {
        for (String line : List.of("abcdefghij\t" + PAYLOAD, "abcd efghi\t" + PAYLOAD, "short", record(3, 9))) {
            byte[] b = ("xx" + line).getBytes(StandardCharsets.US_ASCII);
            assertThat(SortRecord.isValid(b, 2, b.length - 2)).as(line).isEqualTo(SortRecord.isValid(line));
        }
    }

    @Test
    void generatedRecords_areValid_deterministic_numbered_andOfVariedKeys() {
        Set<String> keys = new HashSet<>();
        for (long row = 0; row < 2000; row++) {
            String r = record(42, row);
            assertThat(SortRecord.isValid(r)).as(r).isTrue();
            assertThat(r.substring(11, 31)).isEqualTo(String.format("%020d", row));
            keys.add(r.substring(0, 10));
        }
        assertThat(keys).as("distinct keys").hasSize(2000);
        assertThat(record(42, 7)).isEqualTo(record(42, 7)).isNotEqualTo(record(43, 7));
        assertThat(record(1, Long.MAX_VALUE).substring(11, 31)).isEqualTo(String.format("%020d", Long.MAX_VALUE));
    }

    @Test
    void sortMapper_emitsKeyAndPayload_andCountsWhatIsNotARecord() {
        SortMapper mapper = new SortMapper();
        FakeTaskContext ctx = new FakeTaskContext();
        mapper.setup(ctx);
        RecordingEmitter<String, String> out = new RecordingEmitter<>();
        mapper.map(0L, "abcdefghij\t" + PAYLOAD, out);
        mapper.map(100L, "not a record", out);
        assertThat(out.pairs()).containsExactly(Map.entry("abcdefghij", PAYLOAD));
        assertThat(ctx.counterValue(SortMapper.MALFORMED)).isEqualTo(1);
    }

    @Test
    void sortGenMapper_makesItsRowsRecords_whoseOutputLineIsTheRecord() {
        SortGenMapper mapper = new SortGenMapper();
        mapper.setup(new FakeTaskContext(Map.of("seed", "5")));
        RecordingEmitter<String, String> out = new RecordingEmitter<>();
        mapper.map(0L, "10 3", out);
        assertThat(out.pairs()).extracting(e -> e.getKey() + "\t" + e.getValue())
                .containsExactly(record(5, 10), record(5, 11), record(5, 12));
        assertThatThrownBy(() -> mapper.map(0L, "ten 3", out)).hasMessageContaining("not 'FIRST COUNT'");
        assertThatThrownBy(() -> SortGenMapper.seed("x")).hasMessageContaining("seed must be a whole number");
        assertThat(SortGenMapper.seed(null)).isZero();
    }
}
