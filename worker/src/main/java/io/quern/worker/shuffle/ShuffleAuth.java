package io.quern.worker.shuffle;

import io.quern.common.security.ShuffleSecret;

/**
 * What a reducer signs with its job's shuffle secret: every field of the segment request, so a
 * signature is good for that one segment and nothing else. The secret itself never travels in a
 * shuffle request.
 */
public final class ShuffleAuth {
    private ShuffleAuth() {}

    /** The signed text: a version tag, then the request's fields, separated by a character no field holds. */
    public static String message(String jobId, int mapIndex, int attempt, int partition) {
        return "quern-shuffle-1\n" + jobId + "\n" + mapIndex + "\n" + attempt + "\n" + partition;
    }

    public static byte[] sign(ShuffleSecret secret, String jobId, int mapIndex, int attempt, int partition) {
        return secret.sign(message(jobId, mapIndex, attempt, partition));
    }
}
