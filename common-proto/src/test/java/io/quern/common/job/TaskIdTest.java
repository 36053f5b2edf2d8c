package io.quern.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdTest {

    @Test
    void toString_padsMapIndicesToSixDigitsAndReduceIndicesToFive() {
        assertThat(TaskId.map(3)).hasToString("m-000003");
        assertThat(TaskId.map(0)).hasToString("m-000000");
        assertThat(TaskId.reduce(1)).hasToString("r-00001");
        assertThat(TaskId.reduce(99_999)).hasToString("r-99999");
    }

    @Test
    void toString_indicesBeyondThePaddingWidth_keepAllTheirDigits() {
        assertThat(TaskId.map(1_234_567)).hasToString("m-1234567");
        assertThat(TaskId.reduce(100_000)).hasToString("r-100000");
        assertThat(TaskId.map(Integer.MAX_VALUE)).hasToString("m-" + Integer.MAX_VALUE);
    }

    @Test
    void parse_isTheInverseOfToString() {
        List<TaskId> ids = new ArrayList<>();
        for (int i : new int[] {0, 1, 3, 9, 10, 99_999, 100_000, 999_999, 1_000_000, Integer.MAX_VALUE}) {
            ids.add(TaskId.map(i));
            ids.add(TaskId.reduce(i));
        }
        for (TaskId id : ids) {
            assertThat(TaskId.parse(id.toString())).as("parse(\"%s\")", id).isEqualTo(id);
        }
        assertThat(TaskId.parse("m-000003")).isEqualTo(new TaskId(TaskKind.MAP, 3));
        assertThat(TaskId.parse("r-00001")).isEqualTo(new TaskId(TaskKind.REDUCE, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "m-", "r-", "x-000001", "M-000001", "m_000001", "m-abc", "m-1.5", "m- 1",
        "m-99999999999", "000001", "-000001", "m-+3"})
    void parse_rejectsWhatIsNotATaskId(String s) {
        assertThatThrownBy(() -> TaskId.parse(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a task id: " + s);
    }

    @Test
    void parse_rejectsANegativeIndex() {
        assertThatThrownBy(() -> TaskId.parse("m--1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void constructor_rejectsNegativeIndexAndNoKind() {
        assertThatThrownBy(() -> TaskId.reduce(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative task index -1");
        assertThatThrownBy(() -> new TaskId(null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind is null");
    }

    @Test
    void order_isMapsBeforeReduces_thenByIndexNumerically() {
        List<TaskId> ids = new ArrayList<>(List.of(TaskId.reduce(2), TaskId.map(1_000_000), TaskId.reduce(0),
                TaskId.map(2), TaskId.map(10)));
        ids.sort(null);
        assertThat(ids).containsExactly(TaskId.map(2), TaskId.map(10), TaskId.map(1_000_000), TaskId.reduce(0),
                TaskId.reduce(2));
    }
}
