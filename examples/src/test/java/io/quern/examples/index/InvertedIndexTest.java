package io.quern.examples.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.quern.examples.FakeTaskContext;
import io.quern.examples.RecordingEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InvertedIndexTest {

    @Test
    void mapper_emitsEachDistinctLowerCasedWordOncePerDocument() {
        InvertedIndexMapper mapper = new InvertedIndexMapper();
        RecordingEmitter<String, String> out = new RecordingEmitter<>();
        mapper.map("/data/docs/a.txt", "The cat and the hat.\nThe END", out);
        mapper.map("docs/b.txt", "A cat! CAT? Dog 𐐀x", out);
        assertThat(out.pairs()).containsExactly(
                Map.entry("the", "a.txt"), Map.entry("cat", "a.txt"), Map.entry("and", "a.txt"),
                Map.entry("hat", "a.txt"), Map.entry("end", "a.txt"),
                Map.entry("a", "b.txt"), Map.entry("cat", "b.txt"), Map.entry("dog", "b.txt"),
                Map.entry("𐐨x", "b.txt")); // Deseret has case too
    }

    @Test
    void mapper_emptyDocument_emitsNothing() {
        RecordingEmitter<String, String> out = new RecordingEmitter<>();
        new InvertedIndexMapper().map("empty.txt", "", out);
        new InvertedIndexMapper().map("digits.txt", "123 456", out);
        assertThat(out.pairs()).isEmpty();
    }

    @Test
    void reducer_joinsSortedDistinctDocuments_andCountsPostings() {
        FakeTaskContext context = new FakeTaskContext();
        InvertedIndexReducer reducer = new InvertedIndexReducer();
        reducer.setup(context);
        RecordingEmitter<String, String> out = new RecordingEmitter<>();
        reducer.reduce("cat", List.of("b.txt", "a.txt", "b.txt"), out);
        reducer.reduce("dog", List.of("b.txt"), out);
        assertThat(out.pairs()).containsExactly(Map.entry("cat", "a.txt,b.txt"), Map.entry("dog", "b.txt"));
        assertThat(context.counterValue("index.postings")).isEqualTo(3L);
    }

    @Test
    void mapperThenReducer_buildTheIndex() {
        Map<String, String> documents = Map.of(
                "in/one.txt", "Quern maps and reduces.",
                "in/two.txt", "Maps, maps, maps!",
                "in/three.txt", "Reduces nothing");
        InvertedIndexMapper mapper = new InvertedIndexMapper();
        RecordingEmitter<String, String> mapped = new RecordingEmitter<>();
        documents.forEach((path, content) -> mapper.map(path, content, mapped));

        Map<String, List<String>> grouped = new TreeMap<>();
        mapped.pairs().forEach(p -> grouped.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue()));
        InvertedIndexReducer reducer = new InvertedIndexReducer();
        FakeTaskContext context = new FakeTaskContext();
        reducer.setup(context);
        RecordingEmitter<String, String> index = new RecordingEmitter<>();
        grouped.forEach((word, docs) -> reducer.reduce(word, docs, index));

        assertThat(index.pairs()).containsExactly(
                Map.entry("and", "one.txt"),
                Map.entry("maps", "one.txt,two.txt"),
                Map.entry("nothing", "three.txt"),
                Map.entry("quern", "one.txt"),
                Map.entry("reduces", "one.txt,three.txt"));
        assertThat(context.counterValue("index.postings")).isEqualTo(7L);
    }
}
