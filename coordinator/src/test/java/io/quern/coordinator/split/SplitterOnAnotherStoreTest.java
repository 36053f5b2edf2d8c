package io.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.FileRange;
import io.quern.common.job.InputFormat;
import io.quern.coordinator.jobs.InMemoryStorage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing, splitting and sampling over a store that is no file system: all of it through {@code JobStorage}. */
class SplitterOnAnotherStoreTest {
    private final InMemoryStorage store = new InMemoryStorage()
            .file("/in/b.txt", "b1\nb2\n")
            .file("/in/a.txt", "a".repeat(250) + "\n")
            .file("/in/_SUCCESS", "")
            .file("/in/.a.txt.crc", "xx")
            .file("/in/sub/c.txt", "not read: not recursive\n");

    @Test
    void aDirectory_isItsVisibleFilesInNameOrder_cutAndPacked() throws Exception {
        InputSplitter splitter = new InputSplitter(100, InputFormat.TEXT, InputSplitter.MAX_RANGES_PER_SPLIT, store);

        List<List<FileRange>> splits = splitter.splitInputs(List.of("/in/./"));

        assertThat(splits).containsExactly(
                List.of(new FileRange("/in/a.txt", 0, 100, false)),
                List.of(new FileRange("/in/a.txt", 100, 100, false)),
                List.of(new FileRange("/in/a.txt", 200, 51, false), new FileRange("/in/b.txt", 0, 6, false)));
        assertThat(splitter.totalBytes()).isEqualTo(257);
    }

    @Test
    void aMissingInput_isNamedInOneLine() {
        InputSplitter splitter = new InputSplitter(100, InputFormat.TEXT, 1, store);
        assertThatThrownBy(() -> splitter.splitInputs(List.of("/nowhere")))
                .isInstanceOf(InvalidInputException.class).hasMessage("input not found: /nowhere");
    }

    @Test
    void keySampler_readsTheStoresFiles() throws Exception {
        InMemoryStorage keys = new InMemoryStorage().file("/k/keys.txt", "k3\nk1\nk2\n");
        List<List<FileRange>> splits = new InputSplitter(100, InputFormat.TEXT, 1, keys)
                .splitInputs(List.of("/k/keys.txt"));

        List<byte[]> sample = new KeySampler(10, line -> line, keys).sample(splits);

        assertThat(sample).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("k3", "k1", "k2");
    }
}
