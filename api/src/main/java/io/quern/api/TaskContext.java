package io.quern.api;

/** What a task attempt knows about itself and its job. Confined to the task's thread. */
public interface TaskContext {

    /** The job's id, as {@code quern submit --detach} prints it. */
    String jobId();

    /** The task's id, stable across attempts: {@code "m-000003"} for maps, {@code "r-00001"} for reduces. */
    String taskId();

    /** 0 for the first attempt of a task, higher for every later one. */
    int attempt();

    /** Map tasks: the file the current record came from. {@code null} in reduce tasks. */
    String inputFile();

    /** The value given with {@code --conf key=value} at submit, or {@code null}. */
    String conf(String key);

    /** The counter of that name, created on first use. Names are case-sensitive, without white space. */
    Counter counter(String name);
}
