package io.quern.worker.exec;

import io.quern.api.Counter;
import io.quern.api.TaskContext;
import io.quern.common.job.AttemptId;
import java.util.Map;

/** The {@link TaskContext} of one attempt. Confined to the task's thread. */
final class AttemptContext implements TaskContext {
    private final AttemptId attempt;
    private final Map<String, String> conf;
    final TaskCounters counters = new TaskCounters();
    String inputFile;

    AttemptContext(AttemptId attempt, Map<String, String> conf) {
        this.attempt = attempt;
        this.conf = conf;
    }

    @Override
    public String jobId() {
        return attempt.jobId();
    }

    @Override
    public String taskId() {
        return attempt.task().toString();
    }

    @Override
    public int attempt() {
        return attempt.attempt();
    }

    @Override
    public String inputFile() {
        return inputFile;
    }

    @Override
    public String conf(String key) {
        return conf.get(key);
    }

    @Override
    public Counter counter(String name) {
        return counters.counter(name);
    }
}
