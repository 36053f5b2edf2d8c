package io.quern.client;

import io.quern.common.job.TaskPhase;

/**
 * A running attempt of a job.
 *
 * @param phase null when not reported yet
 * @param rate fraction of the attempt done per second since it started
 * @param millisLeft estimated from the rate; -1 when unknown (no progress yet)
 * @param backup a speculative attempt, started while another attempt of the task still ran
 */
public record TaskProgress(String taskId, int attempt, String workerId, TaskPhase phase, double fraction,
                           double rate, long millisLeft, boolean backup) {
}
