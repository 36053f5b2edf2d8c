package io.quern.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.examples.RecordingEmitter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SumReducerTest {

    @Test
    void emitsTheSumOfTheValues() {
        RecordingEmitter<String, Long> out = new RecordingEmitter<>();
        SumReducer reducer = new SumReducer();
        reducer.reduce("word", List.of(1L, 1L, 40L), out);
        reducer.reduce("bytes:200", List.of(0L), out);
        assertThat(out.pairs()).containsExactly(Map.entry("word", 42L), Map.entry("bytes:200", 0L));
    }

    @Test
    void asCombiner_partialSumsAddUp() {
        RecordingEmitter<String, Long> partial = new RecordingEmitter<>();
        SumReducer reducer = new SumReducer();
        reducer.reduce("k", List.of(1L, 2L), partial);
        reducer.reduce("k", List.of(3L), partial);
        RecordingEmitter<String, Long> total = new RecordingEmitter<>();
        reducer.reduce("k", partial.pairs().stream().map(Map.Entry::getValue).toList(), total);
        assertThat(total.pairs()).containsExactly(Map.entry("k", 6L));
    }
}
