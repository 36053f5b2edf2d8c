package io.quern.client.cli;

import io.quern.client.JobStatus;
import io.quern.client.QuernClient;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List jobs: id, state, name, submit time, output.")
public final class JobsCommand implements Callable<Integer> {
    @Mixin
    ZkOption cluster;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        try (QuernClient client = tls.connect(cluster.zk, cluster.auth())) {
            for (JobStatus s : client.jobs()) {
                System.out.println(s.jobId() + " " + s.state() + " " + s.name() + " "
                        + Instant.ofEpochMilli(s.submitTimeMillis()) + " " + s.output());
            }
            return ExitCodes.OK;
        }
    }
}
