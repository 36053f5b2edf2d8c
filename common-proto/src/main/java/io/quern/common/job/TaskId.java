package io.quern.common.job;

/**
 * A task of a job, stable across attempts: {@code m-000003} is map task 3, {@code r-00001} reduce
 * task 1 (the contract's {@code TaskContext.taskId()} format).
 */
public record TaskId(TaskKind kind, int index) implements Comparable<TaskId> {
    public TaskId {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative task index " + index);
        }
    }

    public static TaskId map(int index) {
        return new TaskId(TaskKind.MAP, index);
    }

    public static TaskId reduce(int index) {
        return new TaskId(TaskKind.REDUCE, index);
    }

    /** Parses {@link #toString()}'s form. */
    public static TaskId parse(String s) {
        for (TaskKind k : TaskKind.values()) {
            if (s.startsWith(k.prefix()) && s.length() > k.prefix().length()
                    && s.substring(k.prefix().length()).chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    return new TaskId(k, Integer.parseInt(s.substring(k.prefix().length())));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("not a task id: " + s);
    }

    @Override
    public int compareTo(TaskId o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        String n = Integer.toString(index);
        return kind.prefix() + "0".repeat(Math.max(0, kind.digits() - n.length())) + n;
    }
}
