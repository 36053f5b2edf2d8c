package io.quern.coordinator.jobs;

import io.quern.common.job.AttemptId;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskId;
import io.quern.common.job.TaskKind;
import io.quern.coordinator.schedule.OutputCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output protocol on a file system every node mounts at the same path. Attempts write
 * {@code DIR/_temporary/<task>_<attempt>}; a task commit renames that file to
 * {@code DIR/part-r-NNNNN}, or {@code DIR/part-m-NNNNN} for the maps of a map-only job (atomic on one
 * file system); the job commit removes the temporary area and writes {@code _SUCCESS} last. Called only
 * from the scheduler thread.
 */
public final class FileOutputCommitter implements OutputCommitter {
    private static final Logger log = LoggerFactory.getLogger(FileOutputCommitter.class);
    static final String TEMPORARY = "_temporary";
    static final String SUCCESS = "_SUCCESS";

    @Override
    public void setupJob(JobSpec job) throws IOException {
        Path out = Path.of(job.output());
        Path parent = out.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(out);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(job.output(), null, "output already exists");
        }
        Files.createDirectory(out.resolve(TEMPORARY));
    }

    @Override
    public String attemptFile(JobSpec job, AttemptId attempt) {
        return Path.of(job.output(), TEMPORARY, attempt.task() + "_" + attempt.attempt()).toString();
    }

    @Override
    public void commitTask(JobSpec job, AttemptId attempt, String attemptFile) throws IOException {
        Path from = Path.of(attemptFile);
        if (!from.equals(Path.of(attemptFile(job, attempt)))) {
            throw new IOException("attempt " + attempt + " reported foreign output " + attemptFile);
        }
        Path to = Path.of(job.output(), partName(attempt.task()));
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void discardAttempt(String attemptFile) {
        try {
            Files.deleteIfExists(Path.of(attemptFile));
        } catch (IOException e) {
            log.warn("cannot delete discarded attempt file {}: {}", attemptFile, e.toString());
        }
    }

    @Override
    public void commitJob(JobSpec job, List<TaskId> tasks) throws IOException {
        Path out = Path.of(job.output());
        for (TaskId task : tasks) {
            if (!Files.isRegularFile(out.resolve(partName(task)))) {
                throw new IOException("missing " + partName(task) + " at job commit");
            }
        }
        deleteTree(out.resolve(TEMPORARY));
        Path tmp = out.resolve("." + SUCCESS + ".tmp");
        Files.write(tmp, new byte[0]);
        Files.move(tmp, out.resolve(SUCCESS), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void abortJob(JobSpec job) {
        Path out = Path.of(job.output());
        try {
            deleteTree(out.resolve(TEMPORARY));
            if (Files.isDirectory(out)) {
                try (DirectoryStream<Path> parts = Files.newDirectoryStream(out, "part-[mr]-*")) {
                    for (Path p : parts) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot clean output {} of aborted job: {}", out, e.toString());
        }
    }

    /** {@code part-r-00003} for reduce task 3, {@code part-m-00003} for map task 3; more digits when needed. */
    public static String partName(TaskId task) {
        return String.format(task.kind() == TaskKind.MAP ? "part-m-%05d" : "part-r-%05d", task.index());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
