package io.quern.coordinator.schedule;

import io.quern.common.job.AttemptId;
import io.quern.common.job.WorkerAddress;
import java.util.LinkedHashSet;
import java.util.Set;

/** A live worker and the attempts the scheduler has placed on it. Confined to the scheduler thread. */
final class WorkerSlots {
    final WorkerAddress address;
    final Set<AttemptId> running = new LinkedHashSet<>();

    WorkerSlots(WorkerAddress address) {
        this.address = address;
    }

    String id() {
        return address.workerId();
    }

    int free() {
        return address.slots() - running.size();
    }
}
