package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import java.util.List;

/**
 * The scheduler's answer to a heartbeat.
 *
 * @param kill attempts the worker runs that are no longer wanted
 * @param stop map attempts to stop at the next record boundary and report their unread rest
 */
public record HeartbeatReply(List<AttemptId> kill, List<AttemptId> stop) {
    public HeartbeatReply {
        kill = List.copyOf(kill);
        stop = List.copyOf(stop);
    }
}
