package io.quern.coordinator.schedule;

/**
 * A task's state. PENDING tasks wait for a slot (and for their retry back-off); a RUNNING task has
 * at least one live attempt; a SUCCEEDED task has one committed attempt. A succeeded map goes back
 * to PENDING when the worker holding its output is lost while reducers still need it.
 */
enum TaskState {
    PENDING,
    RUNNING,
    SUCCEEDED;

    static final Transitions<TaskState> TRANSITIONS = Transitions.of(TaskState.class)
            .to(RUNNING, PENDING)
            .to(PENDING, RUNNING, SUCCEEDED)
            .to(SUCCEEDED, RUNNING)
            .build();
}
