package io.quern.client.cli;

import io.quern.client.JobRejectedException;
import io.quern.client.JobRequest;
import io.quern.client.JobStatus;
import io.quern.client.QuernClient;
import io.quern.common.cluster.ClusterUnreachableException;
import io.quern.common.job.JobState;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** Submits a job and, unless detached, follows it to the end and prints its summary. Used by submit and local. */
public final class JobSession {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    public JobSession(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** @return the exit code */
    public int run(QuernClient client, JobRequest request, boolean detach)
            throws JobRejectedException, ClusterUnreachableException {
        String id = client.submit(request);
        if (detach) {
            out.println(id);
            return ExitCodes.OK;
        }
        err.println("job " + id + " submitted");
        ProgressPrinter progress = new ProgressPrinter(err, terminal, System::currentTimeMillis);
        JobStatus last = client.await(id, progress::update);
        progress.finish();
        printSummary(last);
        return last.state() == JobState.SUCCEEDED ? ExitCodes.OK : ExitCodes.JOB_FAILED;
    }

    /** The contract's summary on stdout (the job line, then one line per counter) and a readable one on stderr. */
    void printSummary(JobStatus s) {
        out.println("job " + s.jobId() + " " + s.state());
        for (Map.Entry<String, Long> c : new TreeMap<>(s.counters()).entrySet()) {
            out.println(c.getKey() + " " + c.getValue());
        }
        out.flush();
        long total = (s.finishTimeMillis() > 0 ? s.finishTimeMillis() : System.currentTimeMillis())
                - s.submitTimeMillis();
        err.println("job " + s.jobId() + " (" + s.name() + ") " + s.state() + " in " + Format.seconds(total)
                + ": map " + s.map().succeeded() + "/" + s.map().total() + " tasks in "
                + Format.seconds(s.map().elapsedMillis()) + ", reduce " + s.reduce().succeeded() + "/"
                + s.reduce().total() + " tasks in " + Format.seconds(s.reduce().elapsedMillis())
                + "; read " + Format.bytes(s.bytesRead()) + ", shuffled " + Format.bytes(s.bytesShuffled()));
        if (s.map().failedAttempts() + s.reduce().failedAttempts() > 0) {
            err.println("failed attempts: " + s.map().failedAttempts() + " map, " + s.reduce().failedAttempts()
                    + " reduce (re-run)");
        }
        MitigationReport.summary(s.mitigation(), err);
        if (!s.skippedRecords().isEmpty()) {
            err.println("skipped " + s.skippedRecords().size() + " bad records (--max-skipped-records):");
            for (String r : s.skippedRecords()) {
                err.println("  " + r);
            }
        }
        if (s.state() == JobState.SUCCEEDED) {
            err.println("output: " + s.output());
        } else if (!s.diagnostics().isEmpty()) {
            err.println("quern: job " + s.jobId() + " " + s.state() + ": " + s.diagnostics());
        }
        err.flush();
    }
}
