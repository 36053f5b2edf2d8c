package io.quern.worker.exec;

import io.quern.api.Counter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The counters of one attempt, built-in and user. Confined to the task's thread. */
final class TaskCounters {
    private final Map<String, long[]> values = new HashMap<>();

    Counter counter(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("counter name must be non-empty without white space: '" + name + "'");
        }
        long[] cell = values.computeIfAbsent(name, n -> new long[1]);
        return amount -> cell[0] += amount;
    }

    void add(String name, long amount) {
        values.computeIfAbsent(name, n -> new long[1])[0] += amount;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
