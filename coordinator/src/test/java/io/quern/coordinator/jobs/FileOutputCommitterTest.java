package io.quern.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quern.common.job.AttemptId;
import io.quern.common.job.InputFormat;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskId;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputCommitterTest {
    private static final String JOB_ID = "job-0000000001";
    private static final List<TaskId> REDUCES = List.of(TaskId.reduce(0), TaskId.reduce(1));

    @TempDir Path tmp;
    private Path out;
    private JobSpec job;
    private final FileOutputCommitter committer = new FileOutputCommitter();

    @BeforeEach
    void setUp() {
        out = tmp.resolve("results").resolve("wc");
        job = new JobSpec("wordcount", null, null, null, null, null, List.of(tmp.resolve("in").toString()),
                out.toString(), 2, JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);
    }

    @Test
    void setupJob_createsTheOutputWithItsParentsAndTheTemporaryArea() throws IOException {
        committer.setupJob(job);
        assertThat(out).isDirectory();
        assertThat(out.resolve("_temporary")).isDirectory();
        assertThat(entries(out)).containsExactly("_temporary");
    }

    @Test
    void setupJob_existingOutput_failsAndLeavesItUntouched() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> committer.setupJob(job))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("output already exists")
                .hasMessageContaining(out.toString());
        assertThat(entries(out)).as("nothing added to the existing directory").containsExactly("precious.txt");
        assertThat(out.resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void setupJob_outputIsAFile_failsAndLeavesItUntouched() throws IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, "a file");
        assertThatThrownBy(() -> committer.setupJob(job))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("output already exists");
        assertThat(out).isRegularFile().hasContent("a file");
    }

    @Test
    void attemptFile_isPerAttemptInTheTemporaryArea() {
        AttemptId a = attempt(1, 2);
        assertThat(committer.attemptFile(job, a))
                .isEqualTo(out.resolve("_temporary").resolve("r-00001_2").toString());
        assertThat(committer.attemptFile(job, attempt(1, 3)))
                .as("another attempt of the same task")
                .isNotEqualTo(committer.attemptFile(job, a));
    }

    @Test
    void commitTask_movesTheAttemptFileToTheTasksPartFile() throws IOException {
        committer.setupJob(job);
        AttemptId a = attempt(1, 0);
        Path file = writeAttempt(a, "b\t2\n");

        committer.commitTask(job, a, file.toString());

        assertThat(out.resolve("part-r-00001")).hasContent("b\t2\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void commitTask_rejectsAFileThatIsNotTheAttemptsOwn() throws IOException {
        committer.setupJob(job);
        Path foreign = Files.writeString(tmp.resolve("elsewhere.txt"), "x");
        Path otherAttempts = writeAttempt(attempt(0, 1), "y");

        assertThatThrownBy(() -> committer.commitTask(job, attempt(0, 0), foreign.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("foreign output " + foreign);
        assertThatThrownBy(() -> committer.commitTask(job, attempt(0, 0), otherAttempts.toString()))
                .as("the file of another attempt of the same task")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("foreign output");
        assertThat(foreign).hasContent("x");
        assertThat(otherAttempts).hasContent("y");
        assertThat(out.resolve("part-r-00000")).doesNotExist();
    }

    @Test
    void commitJob_removesTheTemporaryAreaAndWritesSuccess() throws IOException {
        committer.setupJob(job);
        commitBoth();
        Path leftover = writeAttempt(attempt(0, 1), "a duplicate attempt that lost");

        committer.commitJob(job, REDUCES);

        assertThat(leftover).doesNotExist();
        assertThat(entries(out)).containsExactly("_SUCCESS", "part-r-00000", "part-r-00001");
        assertThat(out.resolve("_SUCCESS")).isEmptyFile();
    }

    @Test
    void commitJob_missingPartFile_failsWithoutWritingSuccess() throws IOException {
        committer.setupJob(job);
        AttemptId only = attempt(0, 0);
        committer.commitTask(job, only, writeAttempt(only, "a\t1\n").toString());

        assertThatThrownBy(() -> committer.commitJob(job, REDUCES))
                .isInstanceOf(IOException.class)
                .hasMessage("missing part-r-00001 at job commit");
        assertThat(entries(out)).as("no _SUCCESS (nor its temporary)").doesNotContain("_SUCCESS", "._SUCCESS.tmp");
    }

    @Test
    void abortJob_removesPartFilesAndTheTemporaryArea_andLeavesNoSuccess() throws IOException {
        committer.setupJob(job);
        AttemptId committed = attempt(0, 0);
        committer.commitTask(job, committed, writeAttempt(committed, "a\t1\n").toString());
        writeAttempt(attempt(1, 0), "half written");

        committer.abortJob(job);

        assertThat(entries(out)).as("what abort leaves in the output").isEmpty();
    }

    @Test
    void abortJob_withoutOutputDirectory_doesNothing() {
        assertThatCode(() -> committer.abortJob(job)).doesNotThrowAnyException();
        assertThat(out).doesNotExist();
    }

    @Test
    void discardAttempt_deletesTheFile_andToleratesItsAbsence() throws IOException {
        committer.setupJob(job);
        Path file = writeAttempt(attempt(1, 1), "z");

        committer.discardAttempt(file.toString());
        assertThat(file).doesNotExist();
        assertThatCode(() -> committer.discardAttempt(file.toString())).doesNotThrowAnyException();
    }

    @Test
    void partName_isFiveDigitsZeroPadded_andMoreWhenNeeded() {
        assertThat(FileOutputCommitter.partName(TaskId.reduce(0))).isEqualTo("part-r-00000");
        assertThat(FileOutputCommitter.partName(TaskId.reduce(42))).isEqualTo("part-r-00042");
        assertThat(FileOutputCommitter.partName(TaskId.reduce(123_456))).isEqualTo("part-r-123456");
        assertThat(FileOutputCommitter.partName(TaskId.map(7))).isEqualTo("part-m-00007");
        assertThat(FileOutputCommitter.partName(TaskId.map(100_000))).isEqualTo("part-m-100000");
    }

    @Test
    void mapOnlyJob_commitsMapAttemptsAsPartMFiles_andAbortRemovesThem() throws IOException {
        JobSpec mapOnly = new JobSpec("wordcount", null, null, null, null, null, job.inputs(), out.toString(), 0,
                JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);
        committer.setupJob(mapOnly);
        List<TaskId> maps = List.of(TaskId.map(0), TaskId.map(1));
        for (TaskId t : maps) {
            AttemptId a = new AttemptId(JOB_ID, t, 0);
            Path file = Path.of(committer.attemptFile(mapOnly, a));
            Files.writeString(file, "k\tv" + t.index() + "\n");
            committer.commitTask(mapOnly, a, file.toString());
        }
        assertThat(entries(out)).containsExactly("_temporary", "part-m-00000", "part-m-00001");
        assertThat(out.resolve("part-m-00001")).hasContent("k\tv1");

        committer.abortJob(mapOnly);
        assertThat(entries(out)).as("an aborted map-only job leaves no part files").isEmpty();
    }

    @Test
    void mapOnlyJob_commitJob_checksEveryMapsPartFile() throws IOException {
        JobSpec mapOnly = new JobSpec("wordcount", null, null, null, null, null, job.inputs(), out.toString(), 0,
                JobSpec.DEFAULT_SPLIT_SIZE, InputFormat.TEXT, Map.of(), 4, 0, Duration.ZERO);
        committer.setupJob(mapOnly);
        AttemptId a = new AttemptId(JOB_ID, TaskId.map(0), 0);
        Path file = Path.of(committer.attemptFile(mapOnly, a));
        Files.writeString(file, "x\ty\n");
        committer.commitTask(mapOnly, a, file.toString());

        assertThatThrownBy(() -> committer.commitJob(mapOnly, List.of(TaskId.map(0), TaskId.map(1))))
                .hasMessage("missing part-m-00001 at job commit");
        committer.commitJob(mapOnly, List.of(TaskId.map(0)));
        assertThat(entries(out)).containsExactly("_SUCCESS", "part-m-00000");
    }

    private void commitBoth() throws IOException {
        for (int r = 0; r < 2; r++) {
            AttemptId a = attempt(r, 0);
            committer.commitTask(job, a, writeAttempt(a, "k" + r + "\t1\n").toString());
        }
    }

    private static AttemptId attempt(int reduce, int attempt) {
        return new AttemptId(JOB_ID, TaskId.reduce(reduce), attempt);
    }

    private Path writeAttempt(AttemptId a, String content) throws IOException {
        return Files.writeString(Path.of(committer.attemptFile(job, a)), content);
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
