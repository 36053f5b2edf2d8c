package io.quern.examples;

import io.quern.api.Counter;
import io.quern.api.TaskContext;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A task context for unit tests: configuration from a map, counters kept in memory. */
public final class FakeTaskContext implements TaskContext {

    private final Map<String, String> conf;
    private final Map<String, Long> counters = new TreeMap<>();

    public FakeTaskContext() {
        this(Map.of());
    }

    public FakeTaskContext(Map<String, String> conf) {
        this.conf = new HashMap<>(conf);
    }

    @Override
    public String jobId() {
        return "job-test";
    }

    @Override
    public String taskId() {
        return "m-000000";
    }

    @Override
    public int attempt() {
        return 0;
    }

    @Override
    public String inputFile() {
        return "input.txt";
    }

    @Override
    public String conf(String key) {
        return conf.get(key);
    }

    @Override
    public Counter counter(String name) {
        return amount -> counters.merge(name, amount, Long::sum);
    }

    /** The counter's value, 0 if never incremented. */
    public long counterValue(String name) {
        return counters.getOrDefault(name, 0L);
    }

    public Map<String, Long> counters() {
        return counters;
    }
}
