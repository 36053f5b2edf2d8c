package io.quern.client.cli;

import io.quern.client.JobStatus;
import io.quern.client.QuernClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill a running job: its tasks stop, its slots are freed, its output is removed.")
public final class KillCommand implements Callable<Integer> {
    @Mixin
    ZkOption cluster;

    @Mixin
    TlsOptions tls;

    @Parameters(paramLabel = "JOB", description = "the job id")
    String jobId;

    @Override
    public Integer call() throws Exception {
        try (QuernClient client = tls.connect(cluster.zk, cluster.auth())) {
            JobStatus s = client.kill(jobId);
            System.out.println("job " + s.jobId() + " " + s.state());
            return ExitCodes.OK;
        }
    }
}
