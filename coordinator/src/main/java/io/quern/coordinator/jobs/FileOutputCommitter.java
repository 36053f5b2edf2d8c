package io.quern.coordinator.jobs;

import io.quern.common.job.AttemptId;
import io.quern.common.job.JobSpec;
import io.quern.common.job.TaskId;
import io.quern.common.job.TaskKind;
import io.quern.coordinator.schedule.OutputCommitter;
import io.quern.common.storage.JobStorage;
import io.quern.common.storage.JobStorages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output protocol, over the job output's {@link JobStorage}. Attempts write
 * {@code DIR/_temporary/<task>_<attempt>}; a task commit renames that file to
 * {@code DIR/part-r-NNNNN}, or {@code DIR/part-m-NNNNN} for the maps of a map-only job (atomic on one
 * file system); the job commit removes the temporary area and writes {@code _SUCCESS} last. Called only
 * from the scheduler thread.
 */
public final class FileOutputCommitter implements OutputCommitter {
    private static final Logger log = LoggerFactory.getLogger(FileOutputCommitter.class);
    static final String TEMPORARY = "_temporary";
    static final String SUCCESS = "_SUCCESS";

    private final Function<String, JobStorage> storageOf;

    /** Each job's output in the store its path names (admission has refused any other). */
    public FileOutputCommitter() {
        this.storageOf = path -> {
            try {
                return JobStorages.forPath(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Every job's output in {@code storage}. */
    public FileOutputCommitter(JobStorage storage) {
        Objects.requireNonNull(storage, "storage");
        this.storageOf = path -> storage;
    }

    @Override
    public void setupJob(JobSpec job) throws IOException {
        JobStorage storage = storage(job);
        try {
            storage.createDirectory(job.output());
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(job.output(), null, "output already exists");
        }
        storage.createDirectory(storage.resolve(job.output(), TEMPORARY));
    }

    @Override
    public String attemptFile(JobSpec job, AttemptId attempt) {
        JobStorage storage = storage(job);
        return storage.resolve(storage.resolve(job.output(), TEMPORARY), attempt.task() + "_" + attempt.attempt());
    }

    @Override
    public void commitTask(JobSpec job, AttemptId attempt, String attemptFile) throws IOException {
        JobStorage storage = storage(job);
        if (!attemptFile.equals(attemptFile(job, attempt))) {
            throw new IOException("attempt " + attempt + " reported foreign output " + attemptFile);
        }
        storage.rename(attemptFile, storage.resolve(job.output(), partName(attempt.task())));
    }

    @Override
    public void discardAttempt(String attemptFile) {
        try {
            storageOf.apply(attemptFile).delete(attemptFile);
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot delete discarded attempt file {}: {}", attemptFile, e.toString());
        }
    }

    @Override
    public void commitJob(JobSpec job, List<TaskId> tasks) throws IOException {
        JobStorage storage = storage(job);
        for (TaskId task : tasks) {
            if (!storage.exists(storage.resolve(job.output(), partName(task)))) {
                throw new IOException("missing " + partName(task) + " at job commit");
            }
        }
        storage.delete(storage.resolve(job.output(), TEMPORARY));
        storage.writeMarker(storage.resolve(job.output(), SUCCESS));
    }

    @Override
    public void abortJob(JobSpec job) {
        try {
            JobStorage storage = storage(job);
            storage.delete(storage.resolve(job.output(), TEMPORARY));
            for (String name : storage.children(job.output())) {
                if (name.startsWith("part-m-") || name.startsWith("part-r-")) {
                    storage.delete(storage.resolve(job.output(), name));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot clean output {} of aborted job: {}", job.output(), e.toString());
        }
    }

    /** {@code part-r-00003} for reduce task 3, {@code part-m-00003} for map task 3; more digits when needed. */
    public static String partName(TaskId task) {
        return String.format(task.kind() == TaskKind.MAP ? "part-m-%05d" : "part-r-%05d", task.index());
    }

    private JobStorage storage(JobSpec job) {
        return storageOf.apply(job.output());
    }
}
