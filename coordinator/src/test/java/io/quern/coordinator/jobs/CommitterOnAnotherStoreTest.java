package io.quern.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.AttemptId;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskId;
import io.quern.common.storage.OutputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The output protocol over a store that is no file system: everything goes through {@code JobStorage}. */
class CommitterOnAnotherStoreTest {
    private final InMemoryStorage store = new InMemoryStorage().file("/in/a.txt", "x\n");
    private final FileOutputCommitter committer = new FileOutputCommitter(store);
    private final JobSpec job = new JobSpec("wordcount", null, null, null, null, null, List.of("/in"), "/out/wc", 2,
            JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);

    @Test
    void aWholeJob_commitsEachPartByRenameAndWritesSuccessLast() throws IOException {
        committer.setupJob(job);
        assertThat(store.isDirectory("/out/wc/_temporary")).isTrue();
        for (int r = 0; r < 2; r++) {
            AttemptId a = new AttemptId("job-1", TaskId.reduce(r), 0);
            String file = committer.attemptFile(job, a);
            assertThat(file).isEqualTo("/out/wc/_temporary/" + TaskId.reduce(r) + "_0");
            write(file, "part " + r + "\n");
            committer.commitTask(job, a, file);
        }
        committer.commitJob(job, List.of(TaskId.reduce(0), TaskId.reduce(1)));

        assertThat(store.renames()).containsExactly(
                "/out/wc/_temporary/r-00000_0 -> /out/wc/part-r-00000",
                "/out/wc/_temporary/r-00001_0 -> /out/wc/part-r-00001");
        assertThat(store.paths()).as("no temporary area left, _SUCCESS written")
                .contains("/out/wc/_SUCCESS", "/out/wc/part-r-00000", "/out/wc/part-r-00001")
                .noneMatch(p -> p.contains("_temporary"));
    }

    @Test
    void setupJob_onAnExistingOutput_failsWithoutTouchingIt() {
        store.file("/out/wc/keep", "precious");
        assertThatThrownBy(() -> committer.setupJob(job)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("output already exists");
        assertThat(store.children("/out/wc")).containsExactly("keep");
    }

    @Test
    void abortJob_removesPartsAndTheTemporaryAreaButNothingElse() throws IOException {
        committer.setupJob(job);
        AttemptId a = new AttemptId("job-1", TaskId.reduce(0), 0);
        write(committer.attemptFile(job, a), "x\n");
        committer.commitTask(job, a, committer.attemptFile(job, a));
        write(committer.attemptFile(job, new AttemptId("job-1", TaskId.reduce(1), 2)), "partial\n");

        committer.abortJob(job);

        assertThat(store.children("/out/wc")).isEmpty();
        assertThat(store.isDirectory("/out/wc")).isTrue();
    }

    @Test
    void commitJob_withAPartMissing_failsAndWritesNoSuccess() throws IOException {
        committer.setupJob(job);
        assertThatThrownBy(() -> committer.commitJob(job, List.of(TaskId.reduce(0))))
                .hasMessage("missing part-r-00000 at job commit");
        assertThat(store.isFile("/out/wc/_SUCCESS")).isFalse();
    }

    @Test
    void discardAttempt_deletesItsFile() throws IOException {
        committer.setupJob(job);
        String file = committer.attemptFile(job, new AttemptId("job-1", TaskId.reduce(0), 1));
        write(file, "x\n");
        committer.discardAttempt(file);
        assertThat(store.isFile(file)).isFalse();
    }

    private void write(String path, String content) throws IOException {
        try (OutputFile out = store.create(path)) {
            out.stream().write(content.getBytes(StandardCharsets.UTF_8));
            out.force();
        }
    }
}
