package io.quern.coordinator.schedule;

/**
 * An attempt's state as the coordinator sees it. RUNNING from assignment until its worker reports
 * the end; LOST when its worker disappeared. A SUCCEEDED map attempt becomes LOST when the
 * worker holding its output is lost.
 */
enum AttemptState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    KILLED,
    LOST;

    static final Transitions<AttemptState> TRANSITIONS = Transitions.of(AttemptState.class)
            .to(SUCCEEDED, RUNNING)
            .to(FAILED, RUNNING)
            .to(KILLED, RUNNING)
            .to(LOST, RUNNING, SUCCEEDED)
            .build();
}
