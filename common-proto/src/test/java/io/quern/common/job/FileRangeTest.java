package io.quern.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileRangeTest {

    @Test
    void end_isStartPlusLength() {
        assertThat(new FileRange("/in/a.txt", 100, 50, false).end()).isEqualTo(150);
        assertThat(new FileRange("/in/a.txt", 0, 0, false).end()).isZero();
        assertThat(new FileRange("/in/a.gz", 0, 1234, true).end()).isEqualTo(1234);
    }

    @Test
    void emptyPath_isRejected() {
        assertThatThrownBy(() -> new FileRange("", 0, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty path");
        assertThatThrownBy(() -> new FileRange(null, 0, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty path");
    }

    @Test
    void negativeStartOrLength_isRejectedNamingTheRange() {
        assertThatThrownBy(() -> new FileRange("/f", -1, 10, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad range -1+10 of /f");
        assertThatThrownBy(() -> new FileRange("/f", 5, -2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad range 5+-2 of /f");
    }

    @Test
    void wholeRange_mustStartAtZero() {
        assertThatThrownBy(() -> new FileRange("/in/a.gz", 10, 5, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("whole range must start at 0: /in/a.gz");
    }
}
