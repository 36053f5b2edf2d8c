package io.quern.examples.grep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.examples.FakeTaskContext;
import io.quern.examples.RecordingEmitter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrepMapperTest {

    private static RecordingEmitter<String, Long> grep(String pattern, String... lines) {
        GrepMapper mapper = new GrepMapper();
        mapper.setup(new FakeTaskContext(Map.of("pattern", pattern)));
        RecordingEmitter<String, Long> out = new RecordingEmitter<>();
        long offset = 0;
        for (String line : lines) {
            mapper.map(offset, line, out);
            offset += line.length() + 1;
        }
        return out;
    }

    @Test
    void emitsEveryLineContainingAMatch_withOne() {
        RecordingEmitter<String, Long> out = grep("err(or)?", "an error here", "all fine", "ERROR", "err", "an error here");
        assertThat(out.pairs()).containsExactly(
                Map.entry("an error here", 1L), Map.entry("err", 1L), Map.entry("an error here", 1L));
    }

    @Test
    void matchAnywhere_notWholeLine() {
        assertThat(grep("b", "abc", "xyz").keys()).containsExactly("abc");
        assertThat(grep("^b$", "abc", "b").keys()).containsExactly("b");
    }

    @Test
    void emptyLines_matchOnlyPatternsThatMatchEmpty() {
        assertThat(grep("x", "", "x").keys()).containsExactly("x");
        assertThat(grep("^$", "", "x").keys()).containsExactly("");
    }

    @Test
    void missingPattern_failsSetupWithTheUsageMessage() {
        GrepMapper mapper = new GrepMapper();
        assertThatThrownBy(() -> mapper.setup(new FakeTaskContext()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grep needs --conf pattern=REGEX");
    }

    @Test
    void invalidPattern_oneLineMessage() {
        assertThatThrownBy(() -> GrepMapper.compile("a\n("))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("grep: invalid pattern 'a\\n(': Unclosed group")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
