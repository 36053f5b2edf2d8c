package io.quern.worker.storage;

import io.quern.common.job.AttemptId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The layout of a worker's data directory. Intermediate data lives here only, never on the shared
 * file system:
 * <pre>
 * worker-id                              this worker's identity, kept across restarts
 * logs/                                  the process log
 * jars/&lt;sha256&gt;.jar                      job jars fetched from the coordinator (content-addressed)
 * jobs/&lt;job&gt;/&lt;task&gt;_&lt;attempt&gt;/          an attempt's work: map output (file.out, file.index) or
 *                                        a reduce's fetched segments
 * </pre>
 * Thread-safe (stateless).
 */
public final class LocalStore {
    private final Path root;
    private FileChannel lockChannel;

    public LocalStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        Files.createDirectories(jobsDir());
        Files.createDirectories(jarsDir());
    }

    /**
     * Takes the data directory for this process alone, for as long as it lives.
     *
     * @throws DataDirInUseException when another process holds it
     */
    public void lock() throws IOException {
        FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new DataDirInUseException("data directory " + root + " is in use by another worker");
        }
        lockChannel = ch; // held open: closing it would release the lock
    }

    /** Another live process uses the data directory. */
    public static final class DataDirInUseException extends IOException {
        public DataDirInUseException(String message) {
            super(message);
        }
    }

    public Path root() {
        return root;
    }

    public Path jarsDir() {
        return root.resolve("jars");
    }

    private Path jobsDir() {
        return root.resolve("jobs");
    }

    public Path jobDir(String jobId) {
        return jobsDir().resolve(safe(jobId));
    }

    /** An attempt's private directory (created). */
    public Path attemptDir(AttemptId attempt) throws IOException {
        return Files.createDirectories(attemptPath(attempt));
    }

    /** Where an attempt's directory is, whether or not it exists. */
    public Path attemptPath(AttemptId attempt) {
        return jobDir(attempt.jobId()).resolve(attempt.task() + "_" + attempt.attempt());
    }

    /** Deletes everything of a job. */
    public void deleteJob(String jobId) throws IOException {
        deleteTree(jobDir(jobId));
    }

    /** Deletes every job's data: after a restart, the coordinator has re-run whatever this worker held. */
    public void deleteAllJobs() throws IOException {
        try (Stream<Path> jobs = Files.list(jobsDir())) {
            for (Path p : jobs.toList()) {
                deleteTree(p);
            }
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String safe(String id) {
        if (!id.matches("[A-Za-z0-9_.-]+") || id.startsWith(".")) {
            throw new IllegalArgumentException("bad id " + id);
        }
        return id;
    }
}
