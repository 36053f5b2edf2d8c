package io.quern.worker.shuffle;

import io.quern.common.security.ShuffleSecret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shuffle secrets of the jobs whose map output this worker holds, recorded as each map attempt
 * starts and forgotten when the job is cleaned up, with its data. Memory is enough: a restarted
 * worker deletes every map output of its previous run. The shuffle server checks every request
 * against them. Thread-safe.
 */
public final class JobSecrets {
    private final Map<String, ShuffleSecret> secrets = new ConcurrentHashMap<>();

    /** Records a job's secret; a job's secret never changes, so the first one recorded stays. */
    public void record(String jobId, ShuffleSecret secret) {
        secrets.putIfAbsent(jobId, secret);
    }

    public void forget(String jobId) {
        secrets.remove(jobId);
    }

    /** The job's secret, or empty if no map of the job ran here (so no output of it is here). */
    public Optional<ShuffleSecret> of(String jobId) {
        return Optional.ofNullable(secrets.get(jobId));
    }

    /**
     * Checks that a shuffle request is signed with its job's secret.
     *
     * @throws ShuffleDeniedException when it carries no signature or another one
     */
    public void check(String jobId, int mapIndex, int attempt, int partition, byte[] mac)
            throws ShuffleDeniedException {
        ShuffleSecret secret = secrets.get(jobId);
        if (secret == null) {
            return; // nothing of the job is here: the request finds no output
        }
        if (mac == null || mac.length == 0) {
            throw new ShuffleDeniedException("shuffle request for " + jobId + " carries no signature of the job's secret");
        }
        if (!secret.verify(ShuffleAuth.message(jobId, mapIndex, attempt, partition), mac)) {
            throw new ShuffleDeniedException("shuffle request for " + jobId + " is not signed with that job's secret");
        }
    }
}
