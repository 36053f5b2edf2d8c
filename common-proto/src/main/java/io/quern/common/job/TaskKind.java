package io.quern.common.job;

/** The two kinds of task in a job. */
public enum TaskKind {
    MAP("m-", 6),
    REDUCE("r-", 5);

    private final String prefix;
    private final int digits;

    TaskKind(String prefix, int digits) {
        this.prefix = prefix;
        this.digits = digits;
    }

    String prefix() {
        return prefix;
    }

    int digits() {
        return digits;
    }
}
