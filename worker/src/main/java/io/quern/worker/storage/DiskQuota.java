package io.quern.worker.storage;

import io.quern.common.job.AttemptId;
import io.quern.common.job.ByteSizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A worker's one account of the intermediate data under its data directory, against its quota.
 * Writers {@link Charge#reserve reserve} bytes before they write them, a buffer or a block at a
 * time; a file deleted gives its bytes back, and so does the end of its attempt (a failed or
 * reduce attempt's directory is deleted) or of its job. The quota is checked, never set aside in
 * advance: map output kept for a running job's reduces counts for as long as it is on disk.
 *
 * <p>Thread-safe: one lock for the whole worker, taken once per reserved chunk, never per record.
 */
public final class DiskQuota {
    /** No limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final String workerId;
    private final long limit;
    private final Object lock = new Object();
    // Guarded by lock:
    private long used;
    private final Map<AttemptId, Space> spaces = new HashMap<>();

    /** @param limitBytes the quota, or {@link #UNLIMITED} */
    public DiskQuota(String workerId, long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("disk quota must be positive, not " + limitBytes);
        }
        this.workerId = workerId;
        this.limit = limitBytes;
    }

    /** A space that counts nothing and never runs out: for work outside a worker's account. */
    public static Space untracked() {
        return new Space(null, null);
    }

    /** The attempt's share of the account, the same until the attempt or its job is released. */
    public Space space(AttemptId attempt) {
        synchronized (lock) {
            return spaces.computeIfAbsent(attempt, a -> new Space(this, a));
        }
    }

    /** The attempt's files are gone: gives back every byte they held. */
    public void releaseAttempt(AttemptId attempt) {
        synchronized (lock) {
            Space s = spaces.remove(attempt);
            if (s != null) {
                s.close();
            }
        }
    }

    /** The job's data is gone: gives back every byte of each of its attempts. */
    public void releaseJob(String jobId) {
        synchronized (lock) {
            for (Iterator<Space> it = spaces.values().iterator(); it.hasNext(); ) {
                Space s = it.next();
                if (s.attempt.jobId().equals(jobId)) {
                    s.close();
                    it.remove();
                }
            }
        }
    }

    /** Bytes reserved now, over every job. */
    public long used() {
        synchronized (lock) {
            return used;
        }
    }

    public long limit() {
        return limit;
    }

    private void reserve(Charge charge, long bytes) throws DiskQuotaExceededException {
        synchronized (lock) {
            Space s = charge.space;
            if (s.closed) {
                return; // the attempt's files are deleted, or are being: nothing left to count
            }
            if (bytes > limit - used) {
                throw new DiskQuotaExceededException("worker " + workerId
                        + ": disk quota for intermediate data exceeded: " + ByteSizes.format(used) + " in use of a "
                        + ByteSizes.format(limit) + " quota, " + ByteSizes.format(bytes) + " more needed");
            }
            used += bytes;
            s.bytes += bytes;
            charge.bytes += bytes;
        }
    }

    private void release(Charge charge) {
        synchronized (lock) {
            if (!charge.space.closed) {
                used -= charge.bytes;
                charge.space.bytes -= charge.bytes;
            }
            charge.bytes = 0;
        }
    }

    /** An attempt's share of the account; makes a {@link Charge} per file. Thread-safe. */
    public static final class Space {
        private final DiskQuota account;
        private final AttemptId attempt;
        // Guarded by the account's lock:
        private long bytes;
        private boolean closed;

        private Space(DiskQuota account, AttemptId attempt) {
            this.account = account;
            this.attempt = attempt;
        }

        /** A new file of this attempt's, with nothing reserved yet. */
        public Charge file(Path path) {
            return new Charge(this, path);
        }

        /** Bytes its files hold now. */
        public long bytes() {
            if (account == null) {
                return 0;
            }
            synchronized (account.lock) {
                return bytes;
            }
        }

        private void close() {
            account.used -= bytes;
            bytes = 0;
            closed = true;
        }
    }

    /**
     * One file's part of the account. Written by one thread, but may be deleted from another (a
     * merger closed while a fetch writes); thread-safe.
     */
    public static final class Charge {
        private final Space space;
        private volatile Path path;
        // Guarded by the account's lock:
        private long bytes;

        private Charge(Space space, Path path) {
            this.space = space;
            this.path = path;
        }

        public Path path() {
            return path;
        }

        /**
         * Reserves {@code n} more bytes, before they are written.
         *
         * @throws DiskQuotaExceededException if they would take the worker past its quota
         */
        public void reserve(long n) throws DiskQuotaExceededException {
            if (n < 0) {
                throw new IllegalArgumentException("cannot reserve " + n + " bytes");
            }
            if (n > 0 && space.account != null) {
                space.account.reserve(this, n);
            }
        }

        /** Gives back every byte reserved for the file: it is deleted, or about to be. Idempotent. */
        public void release() {
            if (space.account != null) {
                space.account.release(this);
            }
        }

        /** Renames the file, which keeps its bytes. */
        public void moveTo(Path target) throws IOException {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            path = target;
        }

        /** Deletes the file if it exists and gives back its bytes. */
        public void delete() throws IOException {
            try {
                Files.deleteIfExists(path);
            } finally {
                release();
            }
        }

        /** Bytes reserved for the file. */
        public long bytes() {
            if (space.account == null) {
                return 0;
            }
            synchronized (space.account.lock) {
                return bytes;
            }
        }
    }
}
