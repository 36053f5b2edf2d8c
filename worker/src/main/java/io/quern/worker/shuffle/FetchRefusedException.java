package io.quern.worker.shuffle;

import io.quern.common.job.MapOutputLocation;

/**
 * The worker holding a map output refused to serve it, because the request's signature did not
 * match the job's shuffle secret there. Not retried, and not the map output's loss either (a re-run
 * of the map would not help): the attempt fails with this reason.
 */
public final class FetchRefusedException extends Exception {
    public FetchRefusedException(MapOutputLocation location, int partition, String reason) {
        super("shuffle fetch of map " + location.mapIndex() + " partition " + partition + " from "
                + location.workerId() + " (" + location.host() + ":" + location.port() + ") refused: " + reason);
    }
}
