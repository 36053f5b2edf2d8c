package io.quern.client.cli;

import io.quern.client.JobStatus;
import io.quern.client.QuernClient;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a job's state, progress and counters.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ZkOption cluster;

    @Mixin
    TlsOptions tls;

    @Parameters(paramLabel = "JOB", description = "the job id")
    String jobId;

    @Override
    public Integer call() throws Exception {
        try (QuernClient client = tls.connect(cluster.zk, cluster.auth())) {
            JobStatus s = client.status(jobId);
            var out = System.out;
            out.println("job " + s.jobId());
            out.println("name " + s.name());
            out.println("state " + s.state());
            out.println("map " + phase(s.map()));
            out.println("reduce " + phase(s.reduce()));
            out.println("output " + s.output());
            out.println("submitted " + Instant.ofEpochMilli(s.submitTimeMillis()));
            if (s.finishTimeMillis() > 0) {
                out.println("finished " + Instant.ofEpochMilli(s.finishTimeMillis()));
            }
            out.println("read " + s.bytesRead());
            out.println("shuffled " + s.bytesShuffled());
            if (!s.diagnostics().isEmpty()) {
                out.println("diagnostics " + s.diagnostics());
            }
            for (Map.Entry<String, Long> c : new TreeMap<>(s.counters()).entrySet()) {
                out.println("counter " + c.getKey() + " " + c.getValue());
            }
            MitigationReport.status(s.mitigation(), s.running(), out);
            for (String r : s.skippedRecords()) {
                out.println("skipped " + r);
            }
            for (String e : s.events()) {
                out.println("event " + e);
            }
            return ExitCodes.OK;
        }
    }

    private static String phase(io.quern.client.Phase p) {
        return p.succeeded() + "/" + p.total() + " succeeded, " + p.running() + " running, " + p.pending()
                + " pending, " + p.failedAttempts() + " failed attempts, " + Math.round(p.fraction() * 100) + "%";
    }
}
