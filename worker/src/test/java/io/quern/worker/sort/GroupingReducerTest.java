package io.quern.worker.sort;

import static io.quern.worker.sort.CodecCombinerTest.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.api.Reducer;
import io.quern.worker.codec.Codecs;
import io.quern.worker.sort.TestRecords.Rec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingReducerTest {

    private static RawRecordCursor cursor(Rec... recs) {
        byte[] seg = TestRecords.encode(List.of(recs));
        return SegmentReader.ofBytes(seg, 0, seg.length);
    }

    @Test
    void equalKeys_formOneGroupEach_inOrder() throws Exception {
        List<String> calls = new ArrayList<>();
        Reducer<String, Long, String, Long> r = (key, values, out) -> {
            List<Long> vs = new ArrayList<>();
            values.forEach(vs::add);
            calls.add(key + "=" + vs);
        };
        long groups = GroupingReducer.run(cursor(rec("", 0), rec("a", 1), rec("a", 2), rec("ab", 3), rec("b", 4), rec("b", 5)),
                Codecs.STRING, Codecs.LONG, r, (k, v) -> {});
        assertThat(groups).isEqualTo(4);
        assertThat(calls).containsExactly("=[0]", "a=[1, 2]", "ab=[3]", "b=[4, 5]");
    }

    @Test
    void valuesTheReducerDoesNotConsume_areSkipped() throws Exception {
        List<String> seen = new ArrayList<>();
        Reducer<String, Long, String, Long> firstOnly = (key, values, out) -> {
            if (!key.equals("skip")) {
                out.emit(key, values.iterator().next());
            }
        };
        long groups = GroupingReducer.run(
                cursor(rec("a", 1), rec("a", 2), rec("a", 3), rec("skip", 9), rec("skip", 9), rec("z", 7), rec("z", 8)),
                Codecs.STRING, Codecs.LONG, firstOnly, (k, v) -> seen.add(k + "=" + v));
        assertThat(groups).isEqualTo(3);
        assertThat(seen).containsExactly("a=1", "z=7");
    }

    @Test
    void iteratingTheValuesTwice_throws() {
        Reducer<String, Long, String, Long> twice = (key, values, out) -> {
            values.forEach(v -> {});
            values.iterator();
        };
        assertThatThrownBy(() -> GroupingReducer.run(cursor(rec("a", 1), rec("a", 2)),
                Codecs.STRING, Codecs.LONG, twice, (k, v) -> {}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
    }

    @Test
    void valuesKeptPastReduce_cannotBeUsed() throws Exception {
        List<Iterator<Long>> kept = new ArrayList<>();
        Reducer<String, Long, String, Long> keeper = (key, values, out) -> kept.add(values.iterator());
        GroupingReducer.run(cursor(rec("a", 1), rec("a", 2), rec("b", 3)), Codecs.STRING, Codecs.LONG, keeper, (k, v) -> {});
        assertThat(kept).hasSize(2);
        assertThatThrownBy(() -> kept.get(0).hasNext()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyInput_hasNoGroups() throws Exception {
        Reducer<String, Long, String, Long> failing = (key, values, out) -> {
            throw new AssertionError("no group expected");
        };
        assertThat(GroupingReducer.run(cursor(), Codecs.STRING, Codecs.LONG, failing, (k, v) -> {})).isZero();
    }
}
