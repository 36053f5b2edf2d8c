package io.quern.client.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionTest {
    private static final List<String> KNOWN = List.of("worker.slots", "worker.port", "local.slots", "zk");

    @Test
    void typo_suggestsTheNearestKey() {
        assertThat(Suggestion.closest("worker.slot", KNOWN)).contains("worker.slots");
        assertThat(Suggestion.closest("wroker.port", KNOWN)).contains("worker.port");
    }

    @Test
    void anotherWord_suggestsNothing() {
        assertThat(Suggestion.closest("coordinator.slots", KNOWN)).isEmpty();
    }

    @Test
    void distance_countsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestion.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestion.distance("same", "same")).isZero();
    }
}
